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

  @Test
  void badValuesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new JobsAuto(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new JobsAuto(2, 1, 0));
  }
}
