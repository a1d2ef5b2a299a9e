package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class SamplingRunsTest {
  /**
   * A backtest fits once per split and predicts each held-out run from those fits ({@link
   * SamplingRuns#withTarget}): every row must be what fitting afresh for that run gives.
   */
  @Test
  void sharedFitsPredictEveryTargetAsFreshFitsDo() {
    Table t =
        TaskChainTest.table(
            (n, d) -> 1.5 + 925 * Math.pow(6 * n * d, -0.15),
            l -> -0.6 / (1 + Math.exp(-3 * (l - 3.2))) + 0.85,
            0.02);
    PredictSpec spec =
        new PredictSpec(
            Map.of("run_id", "target"),
            null,
            List.of("task_bpb"),
            List.of(new PredictSpec.TaskSpec("task_acc", 0.25, "task_bpb")),
            null,
            null,
            null,
            null,
            null,
            null, // every method: chinchilla+sigmoid and power+exponential among them
            null);
    Target target = Target.resolve(t, spec);
    List<Integer> sampling = Target.samplingRows(t, target);
    SamplingRuns full = new SamplingRuns(t, spec, sampling, target);
    TargetPredictor.predictAt(t, full);
    Set<String> held = Set.of("r9", "r10", "r11");
    List<Integer> rest =
        sampling.stream().filter(r -> !held.contains(t.stringColumn("run_id").get(r))).toList();
    SamplingRuns shared = null;
    for (String run : held) {
      Target pseudo = Target.ofRow(t, Target.finalRow(t, run));
      List<PredictionRow> fresh =
          rows(
              TargetPredictor.predictAt(t, new SamplingRuns(t, spec, rest, pseudo, full.fitted())));
      shared =
          shared == null
              ? new SamplingRuns(t, spec, rest, pseudo, full.fitted())
              : shared.withTarget(pseudo);
      assertEquals(fresh, rows(TargetPredictor.predictAt(t, shared)), run);
      assertTrue(fresh.stream().filter(r -> r.predicted() != null).count() >= 6, run);
    }
  }

  private static List<PredictionRow> rows(List<TargetPredictor.Attempt> attempts) {
    return attempts.stream().map(TargetPredictor.Attempt::row).toList();
  }
}
