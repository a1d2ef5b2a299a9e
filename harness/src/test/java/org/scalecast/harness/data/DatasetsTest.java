package org.scalecast.harness.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.results.InputException;

class DatasetsTest {
  @TempDir Path dir;

  private static List<Document> docs(int n) {
    List<Document> d = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      d.add(new Document("doc-" + i, "text number " + i + " with some words in it. "));
    }
    return d;
  }

  @Test
  void splitsByIdHashRegardlessOfOrderOrNeighbours() {
    List<Document> all = docs(2000);
    List<List<Document>> a = Datasets.split(all, null);
    List<Document> reversed = new ArrayList<>(all.subList(0, 1000));
    java.util.Collections.reverse(reversed);
    List<List<Document>> b = Datasets.split(reversed, null);
    for (Document d : b.get(1)) {
      assertTrue(a.get(1).contains(d), d.id() + " is held out in both");
    }
    double held = a.get(1).size() / 2000.0;
    assertTrue(held > 0.01 && held < 0.03, "about 2% validation, got " + held);
  }

  @Test
  void aSmallDomainStillGetsAValidationDocument() {
    assertEquals(1, Datasets.split(docs(3), null).get(1).size());
  }

  @Test
  void jsonlDomainsNameTheMalformedLine() throws IOException {
    Path f = dir.resolve("d.jsonl");
    Files.writeString(f, "{\"text\": \"one\"}\n{\"text\": 2}\n");
    InputException e =
        assertThrows(
            InputException.class,
            () -> Datasets.load("mine", new DomainSpec(null, null, f.toString(), null), dir));
    assertEquals(f + ", line 2: no string field 'text'", e.getMessage());
    Files.writeString(f, "{\"text\": \"one\"}\nnot json\n");
    e =
        assertThrows(
            InputException.class,
            () -> Datasets.load("mine", new DomainSpec(null, null, f.toString(), null), dir));
    assertEquals(f + ", line 2: not JSON", e.getMessage());
  }

  /** One JSONL domain 'mine' of 50 documents, each the text with its number in it. */
  private Map<String, DomainSpec> fiftyDocuments(String text) throws IOException {
    Path f = dir.resolve("d.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      sb.append("{\"id\": \"d")
          .append(i)
          .append("\", \"text\": \"")
          .append(String.format(java.util.Locale.ROOT, text, i))
          .append("\"}\n");
    }
    Files.writeString(f, sb);
    Map<String, DomainSpec> d = new LinkedHashMap<>();
    d.put("mine", new DomainSpec(null, null, f.toString(), null));
    return d;
  }

  @Test
  void byteTokenizedDomainsCoverEveryByte() throws IOException {
    Map<String, DomainSpec> d = fiftyDocuments("document %d caf\\u00e9");
    Datasets.Prepared p =
        Datasets.prepare(d, new TokenizerSpec("bytes", 256, 0), dir.resolve("cache"));
    assertEquals("bytes", p.tokenizer().spec());
    DomainTokens t = p.domains().get("mine");
    int docs = t.documents()[0] + t.documents()[1] + t.documents()[2];
    assertEquals(50, docs);
    assertTrue(t.validation().length > 0);
  }

  /** Issue 11: a cut token file in the cache was used silently (106 of 392 cells differed). */
  @Test
  void aCutCacheFileIsRebuiltNotUsed() throws IOException {
    Path f = dir.resolve("d.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      sb.append("{\"id\": \"d").append(i).append("\", \"text\": \"document ").append(i);
      sb.append(" with a few words\"}\n");
    }
    Files.writeString(f, sb);
    Map<String, DomainSpec> d = new LinkedHashMap<>();
    d.put("mine", new DomainSpec(null, null, f.toString(), null));
    TokenizerSpec bytes = new TokenizerSpec("bytes", 256, 0);
    char[] whole = Datasets.prepare(d, bytes, dir.resolve("cache")).domains().get("mine").train();
    Path cached;
    try (var s = Files.walk(dir.resolve("cache"))) {
      cached = s.filter(p -> p.toString().endsWith("mine-train.u16")).findFirst().orElseThrow();
    }
    byte[] b = Files.readAllBytes(cached);
    Files.write(cached, java.util.Arrays.copyOf(b, b.length / 2));
    char[] again = Datasets.prepare(d, bytes, dir.resolve("cache")).domains().get("mine").train();
    assertTrue(java.util.Arrays.equals(whole, again), "rebuilt, not read cut");
    assertEquals(b.length, Files.size(cached));
  }

  @Test
  void aFileThatIsNotUtf8IsNamedWithItsByteOffset() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("corpus"));
    Files.writeString(folder.resolve("a.txt"), "plain text\n");
    Path latin1 = folder.resolve("b.txt");
    Files.write(
        latin1, "caf\u00e9 au lait\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    InputException e =
        assertThrows(
            InputException.class,
            () -> Datasets.load("text", new DomainSpec(null, folder.toString(), null, null), dir));
    assertTrue(
        e.getMessage().startsWith(latin1 + ": not UTF-8 (byte 0xE9 at offset 3)"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    Path jsonl = dir.resolve("d.jsonl");
    Files.write(
        jsonl, "{\"text\": \"\u00e9\"}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    e =
        assertThrows(
            InputException.class,
            () -> Datasets.load("text", new DomainSpec(null, null, jsonl.toString(), null), dir));
    assertTrue(
        e.getMessage().startsWith(jsonl + ": not UTF-8 (byte 0xE9 at offset 10)"), e.getMessage());
  }

  @Test
  void aVocabularyTheSampleCannotReachIsAnErrorNamingWhatItCanReach() throws IOException {
    Map<String, DomainSpec> d = fiftyDocuments("the cat sat %d");
    for (int attempt = 0; attempt < 2; attempt++) { // learned, then read from the cache
      InputException e =
          assertThrows(
              InputException.class,
              () ->
                  Datasets.prepare(
                      d, new TokenizerSpec("bpe", 65_535, 2000), dir.resolve("cache")));
      assertTrue(
          e.getMessage()
              .matches(
                  "tokenizer\\.vocab_size: 65535 asked, but the sample \\(sample_bytes"
                      + " 2000 per domain\\) has nothing left to merge at (\\d+) tokens; set vocab_size to at"
                      + " most \\1 or raise sample_bytes"),
          e.getMessage());
    }
  }

  @Test
  void domainsNeedExactlyOneSource() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> Datasets.load("x", new DomainSpec("default-text", "/tmp", null, null), dir));
    assertEquals("domain 'x': give exactly one of source, path, jsonl", e.getMessage());
    e =
        assertThrows(
            InputException.class,
            () -> Datasets.load("x", new DomainSpec("wikipedia", null, null, null), dir));
    assertEquals(
        "domain 'x': unknown source 'wikipedia' (known: default-text, default-code)",
        e.getMessage());
  }
}
