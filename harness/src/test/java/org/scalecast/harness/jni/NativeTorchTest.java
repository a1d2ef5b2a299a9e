package org.scalecast.harness.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 1, end to end as a user runs it: {@code native build} against the torch 2.13 CPU
 * wheel, then, in child JVMs that load it through the recorded choice alone, two checks against the
 * stock 2.7.1 build. The same weights give the same numbers: {@code eval} of each stock-trained
 * smoke run scores every task's loss and bits per byte within 1e-5. Trained through each, the smoke
 * sweep's final losses stay within 2e-3: two libtorch builds round differently, and 64 steps
 * compound it by an amount that depends on the data (5e-8 to 2.9e-4 measured as the smoke sweep's
 * code corpus, this repository's own sources, changed; a single 1e-4 bound on the final losses
 * failed on one of them). Skips, saying why, without the wheel's venv or a DJL v0.35.1 checkout
 * (see docs/gpus-and-clusters.md). The build (about 2.5 minutes on 2 idle cores) is kept in target/
 * and reused when unchanged.
 */
class NativeTorchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] LOSSES = {
    "train_loss", "val_loss/text", "val_loss/code", "val_loss/mix"
  };

  @TempDir Path dir;

  @Test
  void smokeSweepThroughTorch213MatchesStockLosses() throws Exception {
    Path torch = Child.input("SCALECAST_TEST_TORCH", "torch213");
    Path djl = Child.input("SCALECAST_TEST_DJL_SOURCE", "djl-src");
    assumeTrue(
        Files.isDirectory(torch),
        "no torch 2.13 venv at " + torch + " (see docs/gpus-and-clusters.md)");
    assumeTrue(
        Files.isDirectory(djl),
        "no DJL v0.35.1 checkout at " + djl + " (see docs/gpus-and-clusters.md)");
    Map<String, String> nat =
        Map.of(
            "SCALECAST_NATIVE_DIR",
            Child.root().resolve("harness/target/native-torch213").toString());
    Child.Result b =
        Child.run(
            Child.scalecast(
                "native", "build", "--torch", torch.toString(), "--djl-source", djl.toString()),
            nat,
            1500);
    System.out.println(b.out());
    assertEquals(0, b.code(), b.out());
    Child.Result doc = Child.run(Child.scalecast("doctor"), nat, 120);
    assertEquals(0, doc.code(), doc.out());
    assertTrue(doc.out().contains("flavour:         cpu"), doc.out());
    assertTrue(doc.out().contains("native choice:   torch 2.13.0 cpu from " + torch), doc.out());
    assertTrue(doc.out().contains("native library:  " + torch), doc.out());

    Map<String, String> stockEnv = Map.of("SCALECAST_NATIVE_DIR", dir.resolve("none").toString());
    Map<String, double[]> mine = sweep("torch213", nat);
    Map<String, double[]> stock = sweep("stock", stockEnv);
    try (Stream<Path> s = Files.list(dir.resolve("stock"))) {
      for (Path run : s.filter(Files::isDirectory).toList()) {
        assertSameScores(run, evalJson(run, stockEnv), evalJson(run, nat));
      }
    }
    assertEquals(stock.keySet(), mine.keySet());
    double worst = 0;
    for (String run : stock.keySet()) {
      for (int i = 0; i < LOSSES.length; i++) {
        double d = Math.abs(stock.get(run)[i] - mine.get(run)[i]);
        worst = Math.max(worst, d);
        System.out.printf(
            "%s %s stock 2.7.1 %.6f torch 2.13 %.6f diff %.1e%n",
            run, LOSSES[i], stock.get(run)[i], mine.get(run)[i], d);
      }
    }
    assertTrue(worst < 2e-3, "largest final-loss difference " + worst);
  }

  private static JsonNode evalJson(Path run, Map<String, String> env) throws Exception {
    Child.Result r = Child.run(Child.scalecast("eval", run.toString(), "--json"), env, 600);
    assertEquals(0, r.code(), r.out());
    String out = r.out();
    return JSON.readTree(out.substring(out.indexOf("[ {"))); // past libtorch's warning line
  }

  /** Every task's loss and bits per byte, stock against torch 2.13, on the same weights. */
  private static void assertSameScores(Path run, JsonNode stock, JsonNode mine) {
    assertEquals(stock.size(), mine.size(), run.toString());
    assertTrue(stock.size() > 0, run.toString());
    for (int i = 0; i < stock.size(); i++) {
      var fields = stock.get(i).fieldNames();
      while (fields.hasNext()) {
        String f = fields.next();
        if (f.endsWith("_loss") || f.endsWith("_bpb")) {
          double a = stock.get(i).get(f).asDouble();
          double b = mine.get(i).get(f).asDouble();
          System.out.printf("%s %s stock 2.7.1 %.8f torch 2.13 %.8f%n", run.getFileName(), f, a, b);
          assertEquals(a, b, 1e-5, run.getFileName() + " " + f);
        }
      }
    }
  }

  /**
   * @return run id to final losses, from a smoke sweep on one thread (deterministic)
   */
  private Map<String, double[]> sweep(String name, Map<String, String> env) throws Exception {
    Path runs = dir.resolve(name);
    Child.Result r =
        Child.run(
            Child.scalecast(
                "sweep",
                "run",
                Child.root().resolve("configs/smoke.yaml").toString(),
                "--out",
                runs.toString(),
                "--threads",
                "1"),
            env,
            600);
    assertEquals(0, r.code(), r.out());
    Map<String, double[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(runs)) {
      for (Path run : s.filter(Files::isDirectory).toList()) {
        for (String line : Files.readAllLines(run.resolve("records.jsonl"))) {
          JsonNode row = JSON.readTree(line);
          if (row.path("frac_of_budget").asDouble() == 1.0) { // the final checkpoint
            double[] v = new double[LOSSES.length];
            for (int i = 0; i < v.length; i++) {
              v[i] = row.at("/" + LOSSES[i]).asDouble(Double.NaN);
            }
            out.put(run.getFileName().toString(), v);
          }
        }
      }
    }
    return out;
  }
}
