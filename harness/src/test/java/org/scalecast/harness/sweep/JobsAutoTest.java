package org.scalecast.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.models.GptConfig;

/** The {@code --jobs auto} rule as a pure function of model sizes and cores. */
class JobsAutoTest {
  private static GptConfig model(int d, int l, int h) {
    return new GptConfig(512, 64, l, h, d, GptConfig.HeadTying.TIED);
  }

  @Test
  void tinyModelsGetOneThreadAndOneProcessPerCore() {
    JobsAuto two = JobsAuto.forCores(2);
    assertEquals(2, two.jobs());
    for (GptConfig c :
        List.of(model(24, 2, 2), model(32, 2, 2), model(48, 2, 2), model(64, 3, 4))) {
      assertEquals(1, two.threads(c), c.toString());
    }
    // the quick sweep's target (N 595,072) is tiny too: two processes beat two threads there
    assertEquals(1, two.threads(model(128, 3, 4)));
    assertEquals(1, JobsAuto.forCores(16).threads(model(24, 2, 2)));
  }

  @Test
  void largerModelsGetEveryCoreUpToTheCap() {
    GptConfig bench = model(256, 4, 4); // N 3.2M
    assertEquals(2, JobsAuto.forCores(2).threads(bench));
    assertEquals(1, JobsAuto.forCores(1).threads(bench));
    assertEquals(JobsAuto.THREADS_CAP, JobsAuto.forCores(64).threads(bench));
    JobsAuto low = new JobsAuto(4, 100_000, 8);
    assertEquals(1, low.threads(model(48, 2, 2))); // N 56,640
    assertEquals(4, low.threads(model(64, 3, 4))); // N 150,080
  }

  @Test
  void theChoiceIsOneLine() {
    var cfg = Sweeps.load(SweepRunTest.root().resolve("configs/quick.yaml"));
    List<RunSpec> runs = Sweeps.expand(cfg);
    String line = JobsAuto.forCores(2).describe(runs);
    assertEquals(1, line.lines().count(), line);
    assertTrue(
        line.startsWith("jobs auto (2 cores): 9 run(s) under 1,000,000 non-embedding parameters"),
        line);
    String mixed = new JobsAuto(4, 100_000, 8).describe(runs);
    assertTrue(mixed.contains("; 3 larger run(s) with 4 threads, up to 1 at once"), mixed);
  }

  /**
   * The quick sweep's target has more compute than its 8 sampling runs together: with one thread it
   * alone set the sweep's wall time (about 620 s of it), so it gets both cores; every sampling run
   * keeps one thread. A sweep without such a run is unchanged.
   */
  @Test
  void aRunWithMoreComputeThanTheRestGetsEveryCore() {
    var cfg = Sweeps.load(SweepRunTest.root().resolve("configs/quick.yaml"));
    List<RunSpec> runs = Sweeps.expand(cfg);
    java.util.Map<String, Integer> t = JobsAuto.forCores(2).threads(runs);
    for (RunSpec r : runs) {
      assertEquals(
          r.role() == org.scalecast.results.Role.TARGET ? 2 : 1, t.get(r.runId()), r.runId());
    }
    assertTrue(JobsAuto.forCores(2).describe(runs).contains("2 threads, first and alone"));
    // d32 at M = 40 and d48 at M = 10 (2.7e11 and 2.9e11 FLOPs): side by side is sooner.
    List<RunSpec> similar =
        runs.stream()
            .filter(
                r ->
                    r.runId().startsWith("d32-l2-h2_D1.8e06")
                        || r.runId().startsWith("d48-l2-h2_D8.4e05"))
            .toList();
    assertEquals(2, similar.size());
    assertTrue(JobsAuto.forCores(2).threads(similar).values().stream().allMatch(v -> v == 1));
    assertEquals(
        1,
        JobsAuto.forCores(1).threads(runs).values().stream().mapToInt(v -> v).max().orElseThrow());
  }

  @Test
  void badValuesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new JobsAuto(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new JobsAuto(2, 1, 0));
  }
}
