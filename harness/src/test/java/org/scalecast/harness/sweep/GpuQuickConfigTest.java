package org.scalecast.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.models.Flops;
import org.scalecast.results.Role;

/**
 * configs/gpu-quick.yaml keeps the plan its comment writes down: sampling sizes from about 1M to
 * 50M non-embedding parameters, a target with 5x the largest sampling run's compute, and at most 8
 * minutes on one H100 at the conservative 10 TFLOP/s the comment assumes (plus 60 s overhead).
 */
class GpuQuickConfigTest {
  private static final double CONSERVATIVE_FLOPS = 10e12;

  @Test
  void sizesComputeAndPlannedTimeMatchTheComment() {
    List<RunSpec> runs =
        Sweeps.expand(Sweeps.load(SweepRunTest.root().resolve("configs/gpu-quick.yaml")));
    List<RunSpec> sampling = runs.stream().filter(r -> r.role() == Role.SAMPLING).toList();
    List<RunSpec> target = runs.stream().filter(r -> r.role() == Role.TARGET).toList();
    assertEquals(10, sampling.size());
    assertEquals(1, target.size());
    long smallest = sampling.stream().mapToLong(GpuQuickConfigTest::n).min().orElseThrow();
    long largest = sampling.stream().mapToLong(GpuQuickConfigTest::n).max().orElseThrow();
    assertTrue(smallest > 0.9e6 && smallest < 1.2e6, "smallest " + smallest);
    assertTrue(largest > 45e6 && largest <= 50e6, "largest " + largest);
    double maxC =
        sampling.stream().mapToDouble(r -> 6.0 * n(r) * r.tokenBudget()).max().orElseThrow();
    double targetC = 6.0 * n(target.get(0)) * target.get(0).tokenBudget();
    assertTrue(targetC >= 5 * maxC * 0.999, "target " + targetC / maxC + "x");
    double flops = runs.stream().mapToDouble(GpuQuickConfigTest::trainingFlops).sum();
    double seconds = flops / CONSERVATIVE_FLOPS + 60;
    assertTrue(seconds <= 8 * 60, "planned " + seconds + " s");
  }

  private static long n(RunSpec r) {
    return ((Number) r.design().get(org.scalecast.results.Columns.N_PARAMS)).longValue();
  }

  private static double trainingFlops(RunSpec r) {
    return Flops.perToken(r.model(), Flops.Convention.SIX_N_ATTENTION) * r.tokenBudget();
  }
}
