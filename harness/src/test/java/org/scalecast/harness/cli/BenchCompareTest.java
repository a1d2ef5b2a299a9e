package org.scalecast.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.fit.io.FitFile;
import org.scalecast.harness.Main;
import org.scalecast.models.Flops;
import org.scalecast.models.GptConfig;
import org.scalecast.models.ParameterCount;

/**
 * {@code bench --compare}: the peer's JSON line (a fixture written here, shaped as
 * shared/peer/torch_gpt_bench.py prints it), its one-line errors, and a comparison at a tiny shape.
 */
class BenchCompareTest {
  @TempDir Path dir;

  /** The tiny shape the engine test times: d32-l1-h2, T 16, V 64. */
  private static final GptConfig TINY = new GptConfig(64, 16, 1, 2, 32, GptConfig.HeadTying.UNTIED);

  private static final List<String> SHAPE =
      List.of(
          "--d-model",
          "32",
          "--n-layer",
          "1",
          "--n-head",
          "2",
          "--context-length",
          "16",
          "--vocab-size",
          "64",
          "--batch-size",
          "4");

  record Run(int code, String out, String err) {}

  static Run cli(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  /** A peer line as the script prints it, for the given model. */
  private static String peerLine(GptConfig c, double tps, String threads) {
    return "{\"engine\": \"torch 2.13.0+cpu\", "
        + threads
        + "\"attention\": \"sdpa\", \"compile\": false, \"n_params\": "
        + ParameterCount.nonEmbedding(c)
        + ", \"flops_per_token\": "
        + (long) Flops.perToken(c, Flops.Convention.SIX_N_ATTENTION)
        + ", \"tokens_per_second\": "
        + tps
        + ", \"achieved_gflops\": 1.0}";
  }

  private Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  private Run compare(Path peer, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("bench", "--compare", peer.toString()));
    args.addAll(SHAPE);
    args.addAll(List.of(extra));
    return cli(args);
  }

  @Test
  void readsOneLineOrTheMedianOfSeveral() throws IOException {
    PeerRun one = PeerRun.read(write("one.json", peerLine(TINY, 1000.0, "\"threads\": 2, ")));
    assertEquals(1000.0, one.tokensPerSecond());
    assertEquals(2, one.threads());
    assertEquals("torch 2.13.0+cpu", one.engine());
    assertEquals(ParameterCount.nonEmbedding(TINY), one.nParams());
    PeerRun three =
        PeerRun.read(
            write(
                "three.json",
                peerLine(TINY, 900.0, "")
                    + "\n\n"
                    + peerLine(TINY, 3000.0, "")
                    + "\n"
                    + peerLine(TINY, 1100.0, "")
                    + "\n"));
    assertEquals(1100.0, three.tokensPerSecond());
    assertEquals(List.of(900.0, 3000.0, 1100.0), three.each());
    assertEquals(null, three.threads());
  }

  @Test
  void badPeerFilesAreOneLineNamingFileAndKeyWithExit2() throws IOException {
    Run missing = compare(dir.resolve("nope.json"));
    assertEquals(2, missing.code(), missing.err());
    assertTrue(missing.err().contains("nope.json: no such file"), missing.err());

    Run bad = compare(write("bad.json", "{\"tokens_per_second\": 12,"));
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("bad.json line 1: not JSON"), bad.err());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());

    Run noKey = compare(write("nokey.json", "{\"engine\": \"torch\", \"n_params\": 5}"));
    assertEquals(2, noKey.code(), noKey.err());
    assertTrue(noKey.err().contains("nokey.json line 1: no key 'tokens_per_second'"), noKey.err());

    Run text = compare(write("text.json", "{\"n_params\": \"many\", \"tokens_per_second\": 1}"));
    assertEquals(2, text.code(), text.err());
    assertTrue(text.err().contains("'n_params' is not a number"), text.err());

    Run array = compare(write("array.json", "[1, 2]"));
    assertEquals(2, array.code(), array.err());
    assertTrue(array.err().contains("array.json line 1: not a JSON object"), array.err());

    Run empty = compare(write("empty.json", "\n"));
    assertEquals(2, empty.code(), empty.err());
    assertTrue(empty.err().contains("empty.json: empty"), empty.err());
  }

  @Test
  void aPeerOfAnotherShapeIsRefusedNamingTheKey() throws IOException {
    GptConfig wider = new GptConfig(64, 16, 1, 2, 64, GptConfig.HeadTying.UNTIED);
    Run r = compare(write("wide.json", peerLine(wider, 10.0, "")));
    assertEquals(2, r.code(), r.err());
    assertTrue(
        r.err().contains("wide.json: n_params " + ParameterCount.nonEmbedding(wider)), r.err());
    assertTrue(r.err().contains("d32-l1-h2"), r.err());

    GptConfig longer = new GptConfig(64, 32, 1, 2, 32, GptConfig.HeadTying.UNTIED);
    Run t = compare(write("long.json", peerLine(longer, 10.0, "")));
    assertEquals(2, t.code(), t.err());
    assertTrue(t.err().contains("long.json: flops_per_token"), t.err());
    assertTrue(t.err().contains("--context-length"), t.err());

    Run two =
        compare(
            write(
                "two.json",
                peerLine(TINY, 10.0, "\"threads\": 1, ")
                    + "\n"
                    + peerLine(TINY, 10.0, "\"threads\": 2, ")));
    assertEquals(2, two.code(), two.err());
    assertTrue(two.err().contains("two.json: lines disagree"), two.err());
  }

  @Test
  @Tag("engine")
  void printsBothThroughputsAndTheirRatio() throws Exception {
    Path peer = write("peer.json", peerLine(TINY, 1000.0, ""));
    Run r = compare(peer, "--steps", "3", "--warmup", "1", "--matmul-size", "64", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = FitFile.JSON.readTree(r.out());
    double ours = j.get("scalecast").get("tokens_per_second").asDouble();
    assertTrue(ours > 0, r.out());
    assertEquals(ours / 1000.0, j.get("ratio").asDouble(), 1e-9);
    assertEquals(1000.0, j.get("peer").get("tokens_per_second").asDouble());
    assertEquals(ParameterCount.nonEmbedding(TINY), j.get("scalecast").get("n_params").asLong());
    assertEquals(32, j.get("scalecast").get("model").get("d_model").asInt());
    assertTrue(j.get("threads").asInt() >= 1, r.out());

    Run text = compare(peer, "--steps", "2", "--warmup", "1", "--matmul-size", "64");
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("torch 2.13.0+cpu (peer.json)"), text.out());
    assertTrue(text.out().contains("ratio scalecast / peer"), text.out());
    assertTrue(text.out().contains("shape d32-l1-h2, T 16, B 4, V 64"), text.out());
  }
}
