package org.scalecast.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.fit.io.FitFile;

/** {@code bench sweep}: the smoke sweep trained through the sweep's runner, timed, and deleted. */
@Tag("engine")
class BenchSweepTest {
  @TempDir Path dir;

  private static Set<Path> benchFolders() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("scalecast-bench-sweep"))
          .collect(Collectors.toSet());
    }
  }

  private static Path smoke() {
    return SweepRunTest.root().resolve("configs/smoke.yaml");
  }

  /** {@code bench sweep configs/smoke.yaml --cache <test cache> EXTRA...} in this process. */
  private SweepRunTest.Run benchSmoke(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bench", "sweep", smoke().toString(), "--cache", dir.resolve("cache").toString()));
    args.addAll(List.of(extra));
    return SweepRunTest.cli(args.toArray(String[]::new));
  }

  @Test
  void timesEachRunOfTheSmokeSweepAndKeepsNothing() throws IOException {
    Set<Path> before = benchFolders();
    SweepRunTest.Run r = benchSmoke("--json");
    assertEquals(0, r.code(), r.err());
    assertEquals(before, benchFolders(), "the temporary runs folder is deleted");
    JsonNode j = FitFile.JSON.readTree(r.out());
    JsonNode runs = j.get("runs");
    assertEquals(2, runs.size(), r.out());
    for (JsonNode run : runs) {
      assertEquals(16384, run.get("tokens").asLong(), run.toString());
      double wall = run.get("wall_seconds").asDouble();
      double train = run.get("train_seconds").asDouble();
      double eval = run.get("eval_seconds").asDouble();
      assertTrue(wall > 0 && train > 0 && eval > 0, run.toString());
      assertTrue(train + eval <= wall * 1.01, run.toString());
      double share = run.get("eval_share").asDouble();
      assertEquals(eval / wall, share, 1e-9);
      assertEquals(4, run.get("checkpoints").asInt(), run.toString());
    }
    assertEquals(32768, j.get("tokens").asLong());
    assertTrue(j.get("wall_seconds").asDouble() >= j.get("run_seconds").asDouble() * 0.99);

    // --jobs auto: each run in its own JVM (one thread each for these tiny models)
    SweepRunTest.Run text = benchSmoke("--jobs", "auto");
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("d32-l2-h2"), text.out());
    assertTrue(text.out().contains("total: 2 runs, 32768 tokens"), text.out());
    if (Runtime.getRuntime().availableProcessors() > 1) {
      assertTrue(text.err().contains("jobs auto ("), text.err());
      assertTrue(text.out().matches("(?s).*d32-l2-h2\\s+1\\s.*"), text.out()); // 1 thread
    }
    assertEquals(before, benchFolders());
  }

  @Test
  void jobsMustBeANumberOrAuto() {
    SweepRunTest.Run r =
        SweepRunTest.cli(
            "sweep",
            "run",
            smoke().toString(),
            "--out",
            dir.resolve("r").toString(),
            "--jobs",
            "many");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--jobs must be a number or auto, got 'many'"), r.err());
    SweepRunTest.Run gpu =
        SweepRunTest.cli("sweep", "run", smoke().toString(), "--device", "gpu", "--jobs", "auto");
    assertEquals(2, gpu.code(), gpu.err());
  }
}
