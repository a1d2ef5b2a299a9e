package org.scalecast.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.results.RunManifest;

/** {@code sweep plan} and {@code --set} through the command line (issue 14 items 2 and 3). */
class SweepPlanTest {
  @TempDir Path dir;

  private static final Path SMOKE = SweepRunTest.root().resolve("configs/smoke.yaml");

  @Test
  void planPrintsEveryRunWithAnEstimateAndTheTotal() {
    SweepRunTest.Run r =
        SweepRunTest.cli(
            "sweep",
            "plan",
            SMOKE.toString(),
            "--calibration-steps",
            "2",
            "--set",
            "seeds=[0, 1]",
            "--cache",
            dir.resolve("cache").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("calibration: d32-l2-h2, batch 8:"), r.out());
    assertEquals(
        4, r.out().lines().filter(l -> l.contains("_s") && l.contains("sampling")).count());
    assertTrue(r.out().contains("smoke: 4 runs,") && r.out().contains("minutes"), r.out());
  }

  @Test
  void anUnknownKeyIsOneLineAndExit2() {
    SweepRunTest.Run r =
        SweepRunTest.cli("sweep", "plan", SMOKE.toString(), "--set", "train.lrate=1");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("--set train.lrate=1: unknown key 'train.lrate'"), r.err());
  }

  /** Children of --jobs load the config with the same overrides, or they would find no run. */
  @Test
  void overridesReachTheRunsAndTheirManifests() throws Exception {
    Path runs = dir.resolve("runs");
    SweepRunTest.Run r =
        SweepRunTest.sweep(
            dir.resolve("cache"),
            SMOKE,
            runs,
            "--jobs",
            "2",
            "--set",
            "train.grad_accum=2",
            "--set",
            "models[1].lr=0.001");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("2 runs: 2 done"), r.out() + r.err());
    try (Stream<Path> s = Files.list(runs)) {
      for (Path run : s.filter(p -> Files.isRegularFile(p.resolve("run.json"))).toList()) {
        RunManifest m = RunManifest.read(run);
        assertEquals(List.of("train.grad_accum=2", "models[1].lr=0.001"), m.overrides());
        assertEquals(2, m.spec().get("train").get("grad_accum").asInt());
        double lr = m.spec().get("train").get("lr").asDouble();
        assertEquals(run.getFileName().toString().startsWith("d32") ? 0.003 : 0.001, lr);
      }
    }
  }
}
