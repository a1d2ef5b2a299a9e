package org.scalecast.harness.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.scalecast.results.AtomicFiles;
import org.scalecast.results.InputException;

/**
 * Loads, splits, tokenizes and caches the domains of a sweep. Documents go to train, validation or
 * test by a hash of their id (2% validation, 2% test), so the split never depends on order or on
 * which other documents exist. Tokenizers and token streams are cached under keys made from the
 * content, so a changed document or tokenizer setting can never reuse stale tokens.
 */
public final class Datasets {
  /** Share of documents, in hundredths of a percent, held out for validation and for test. */
  static final int HELD_OUT_BASIS_POINTS = 200;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param tokenizer the tokenizer
   * @param domains tokens per domain, in config order
   * @param key a content hash of tokenizer and data together
   */
  public record Prepared(Tokenizer tokenizer, Map<String, DomainTokens> domains, String key) {}

  private Datasets() {}

  /**
   * @param domains domain name to source
   * @param spec the tokenizer
   * @param cache cache folder (downloads, tokenizers, tokens)
   * @return tokenized domains
   */
  public static Prepared prepare(Map<String, DomainSpec> domains, TokenizerSpec spec, Path cache) {
    Map<String, List<List<Document>>> splits = splits(domains, cache);
    Map<String, String> keys = keys(splits);
    Tokenizer tok = tokenizer(spec, splits, keys, cache.resolve("tokenizers"));
    String key = sha256(tok.spec() + "|" + tokenizerKey(spec, keys) + "|" + keys);
    Map<String, DomainTokens> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<List<Document>>> e : splits.entrySet()) {
      out.put(
          e.getKey(),
          tokens(
              e.getKey(),
              e.getValue(),
              tok,
              cache.resolve("tokens").resolve(key.substring(0, 16))));
    }
    return new Prepared(tok, out, key);
  }

  /**
   * The tokenizer alone, as {@link #prepare} makes it, for a reader that needs no token streams
   * ({@code export}): the cached token files are neither read nor rebuilt.
   *
   * @param domains domain name to source
   * @param spec the tokenizer
   * @param cache cache folder
   * @return the tokenizer
   */
  public static Tokenizer tokenizer(
      Map<String, DomainSpec> domains, TokenizerSpec spec, Path cache) {
    Map<String, List<List<Document>>> splits = splits(domains, cache);
    return tokenizer(spec, splits, keys(splits), cache.resolve("tokenizers"));
  }

  private static Map<String, List<List<Document>>> splits(
      Map<String, DomainSpec> domains, Path cache) {
    Map<String, List<List<Document>>> splits = new LinkedHashMap<>();
    for (Map.Entry<String, DomainSpec> e : domains.entrySet()) {
      splits.put(
          e.getKey(),
          split(
              load(e.getKey(), e.getValue(), cache.resolve("downloads")), e.getValue().maxBytes()));
    }
    return splits;
  }

  private static Map<String, String> keys(Map<String, List<List<Document>>> splits) {
    Map<String, String> keys = new LinkedHashMap<>();
    splits.forEach((name, s) -> keys.put(name, contentKey(s)));
    return keys;
  }

  static List<Document> load(String name, DomainSpec spec, Path downloads) {
    int given =
        (spec.source() != null ? 1 : 0)
            + (spec.path() != null ? 1 : 0)
            + (spec.jsonl() != null ? 1 : 0);
    if (given != 1) {
      throw new InputException("domain '" + name + "': give exactly one of source, path, jsonl");
    }
    if (spec.source() != null) {
      if (Corpora.artifacts(spec.source()) == null) {
        throw new InputException(
            "domain '"
                + name
                + "': unknown source '"
                + spec.source()
                + "' (known: default-text, default-code)");
      }
      return Corpora.documents(spec.source(), downloads);
    }
    return spec.path() != null
        ? folder(name, Path.of(spec.path()))
        : jsonl(name, Path.of(spec.jsonl()));
  }

  private static List<Document> folder(String name, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InputException("domain '" + name + "': folder " + dir + " does not exist");
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<Document> docs = new ArrayList<>();
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        docs.add(new Document(dir.relativize(f).toString(), utf8(f, Files.readAllBytes(f))));
      }
      if (docs.isEmpty()) {
        throw new InputException("domain '" + name + "': folder " + dir + " holds no files");
      }
      return docs;
    } catch (IOException e) {
      throw new InputException(
          "domain '" + name + "': cannot read " + dir + " (" + e.getMessage() + ")");
    }
  }

  private static List<Document> jsonl(String name, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InputException("domain '" + name + "': JSONL file " + file + " does not exist");
    }
    List<Document> docs = new ArrayList<>();
    try {
      List<String> lines = utf8(file, Files.readAllBytes(file)).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = JSON.readTree(lines.get(i));
        } catch (IOException e) {
          throw new InputException(file + ", line " + (i + 1) + ": not JSON");
        }
        if (n == null || !n.path("text").isTextual()) {
          throw new InputException(file + ", line " + (i + 1) + ": no string field 'text'");
        }
        docs.add(
            new Document(
                n.path("id").isTextual() ? n.get("id").asText() : "line-" + (i + 1),
                n.get("text").asText()));
      }
    } catch (IOException e) {
      throw new InputException(file + ": cannot read (" + e.getMessage() + ")");
    }
    return docs;
  }

  /**
   * @param file where the bytes come from, for the message
   * @param bytes its bytes
   * @return them decoded as UTF-8
   * @throws InputException naming the file and the offset of the first byte that is not UTF-8
   */
  static String utf8(Path file, byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
    java.nio.charset.CoderResult r =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
            .decode(in, out, true);
    if (r.isError()) {
      throw new InputException(
          String.format(
              java.util.Locale.ROOT,
              "%s: not UTF-8 (byte 0x%02X at offset %d); convert it to UTF-8 (e.g. iconv -f"
                  + " latin1 -t utf-8) or move it out of the domain",
              file,
              bytes[in.position()] & 0xff,
              in.position()));
    }
    return out.flip().toString();
  }

  /** Train, validation, test; each sorted by hash so any prefix is a random sample. */
  static List<List<Document>> split(List<Document> docs, Long maxBytes) {
    List<List<Document>> s = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<Document> sorted = new ArrayList<>(docs);
    sorted.sort(Comparator.comparing(d -> sha256(d.id())));
    long bytes = 0;
    for (Document d : sorted) {
      int bucket = Integer.parseInt(sha256(d.id()).substring(0, 4), 16) % 10_000;
      int which = bucket < HELD_OUT_BASIS_POINTS ? 1 : bucket < 2 * HELD_OUT_BASIS_POINTS ? 2 : 0;
      if (which == 0 && maxBytes != null && bytes >= maxBytes) {
        continue;
      }
      if (which == 0) {
        bytes += d.text().length();
      }
      s.get(which).add(d);
    }
    if (s.get(1).isEmpty() && s.get(0).size() > 1) {
      s.get(1).add(s.get(0).remove(0)); // a small domain still gets one validation document
    }
    return s;
  }

  private static String contentKey(List<List<Document>> splits) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(("extraction-" + Corpora.EXTRACTION_VERSION).getBytes(StandardCharsets.UTF_8));
      for (List<Document> split : splits) {
        md.update((byte) '|');
        for (Document d : split) {
          md.update(d.id().getBytes(StandardCharsets.UTF_8));
          md.update((byte) 0);
          md.update(d.text().getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String tokenizerKey(TokenizerSpec spec, Map<String, String> keys) {
    return spec.kind().equals("bytes") ? "bytes" : sha256(spec + "|" + keys.values());
  }

  private static Tokenizer tokenizer(
      TokenizerSpec spec,
      Map<String, List<List<Document>>> splits,
      Map<String, String> keys,
      Path dir) {
    if (spec.kind().equals("bytes")) {
      return new ByteTokenizer();
    }
    if (!spec.kind().equals("bpe")) {
      throw new InputException("tokenizer.kind '" + spec.kind() + "' is not one of: bpe, bytes");
    }
    if (spec.vocabSize() < 257 || spec.vocabSize() > 65_535) {
      throw new InputException(
          "tokenizer.vocab_size must be in [257, 65535], got " + spec.vocabSize());
    }
    Path file = dir.resolve("bpe-" + tokenizerKey(spec, keys).substring(0, 16) + ".json");
    if (Files.isRegularFile(file)) {
      return reached(TokenizerFiles.read(file), spec);
    }
    List<String> sample = new ArrayList<>();
    for (List<List<Document>> s : splits.values()) {
      long bytes = 0;
      for (Document d : s.get(0)) {
        if (bytes >= spec.sampleBytes()) {
          break;
        }
        sample.add(d.text());
        bytes += d.text().length();
      }
    }
    BpeTokenizer t = BpeTokenizer.train(sample, spec.vocabSize());
    TokenizerFiles.write(t, file);
    return reached(t, spec);
  }

  /** A BPE stops when no pair is left to merge: fewer tokens than asked is an error, not a note. */
  private static BpeTokenizer reached(BpeTokenizer t, TokenizerSpec spec) {
    if (t.vocabSize() < spec.vocabSize()) {
      throw new InputException(
          String.format(
              java.util.Locale.ROOT,
              "tokenizer.vocab_size: %d asked, but the sample (sample_bytes %d per domain) has"
                  + " nothing left to merge at %d tokens; set vocab_size to at most %d or raise"
                  + " sample_bytes",
              spec.vocabSize(),
              spec.sampleBytes(),
              t.vocabSize(),
              t.vocabSize()));
    }
    return t;
  }

  private static DomainTokens tokens(
      String name, List<List<Document>> splits, Tokenizer tok, Path dir) {
    char[][] streams = new char[3][];
    String[] names = {"train", "validation", "test"};
    for (int i = 0; i < 3; i++) {
      Path f = dir.resolve(name + "-" + names[i] + ".u16");
      char[] cached = Files.isRegularFile(f) ? readChars(f) : null;
      streams[i] = cached != null ? cached : writeChars(f, encode(splits.get(i), tok));
    }
    int[] counts = {splits.get(0).size(), splits.get(1).size(), splits.get(2).size()};
    if (streams[1].length == 0) {
      throw new InputException(
          "domain '" + name + "': no validation documents (it needs more documents)");
    }
    return new DomainTokens(
        name, streams[0], streams[1], streams[2], counts, List.copyOf(splits.get(2)));
  }

  private static char[] encode(List<Document> docs, Tokenizer tok) {
    List<int[]> parts = docs.parallelStream().map(d -> tok.encode(d.text() + "\n\n")).toList();
    int n = parts.stream().mapToInt(p -> p.length).sum();
    char[] out = new char[n];
    int at = 0;
    for (int[] p : parts) {
      for (int v : p) {
        out[at++] = (char) v;
      }
    }
    return out;
  }

  private static char[] writeChars(Path f, char[] c) {
    try {
      Files.createDirectories(f.getParent());
      ByteBuffer b = ByteBuffer.allocate(c.length * 2);
      b.asCharBuffer().put(c);
      AtomicFiles.write(f, b.array());
      AtomicFiles.writeString(sumFile(f), checksum(b.array()));
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @return the cached tokens, or null when the file does not match the checksum written with it
   *     (issue 11: a cut cache file was used silently), said in one line: the caller rebuilds it
   */
  private static char[] readChars(Path f) {
    try {
      byte[] b = Files.readAllBytes(f);
      String want = Files.isRegularFile(sumFile(f)) ? Files.readString(sumFile(f)).strip() : "";
      if (!want.equals(checksum(b))) {
        System.err.printf(
            "scalecast: cache file %s: %s; rebuilding it%n",
            f,
            want.isEmpty()
                ? "no checksum (written before issue 11)"
                : "size and CRC-32 " + checksum(b) + ", written as " + want);
        return null;
      }
      char[] c = new char[b.length / 2];
      ByteBuffer.wrap(b).asCharBuffer().get(c);
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path sumFile(Path f) {
    return f.resolveSibling(f.getFileName() + ".crc32");
  }

  /** "BYTES CRC32": the size alone would catch a cut file, the CRC a corrupted one. */
  private static String checksum(byte[] b) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(b);
    return b.length + " " + Long.toHexString(crc.getValue());
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
