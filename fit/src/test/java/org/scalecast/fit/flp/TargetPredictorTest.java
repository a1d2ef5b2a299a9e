package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scalecast.results.InputException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The target-prediction pipeline on a results table made from known laws. */
class TargetPredictorTest {
  private static double loss(double c) {
    return Math.pow(c / 1e30, -0.05);
  }

  private static double score(double l) {
    return 2.0 - 0.35 * l;
  }

  /** Six sampling runs (1e15 to 3e17 FLOPs) and a target at 1e19, ten checkpoints each. */
  static Table table() {
    StringColumn run = StringColumn.create("run_id");
    DoubleColumn flops = DoubleColumn.create("flops");
    DoubleColumn fin = DoubleColumn.create("is_final");
    DoubleColumn n = DoubleColumn.create("n_params");
    DoubleColumn d = DoubleColumn.create("tokens");
    DoubleColumn l = DoubleColumn.create("val_loss_mix");
    DoubleColumn s = DoubleColumn.create("task_acc");
    for (int r = 0; r < 7; r++) {
      double c = r < 6 ? 1e15 * Math.pow(300, r / 5.0) : 1e19;
      double params = Math.sqrt(c / 120);
      for (int k = 1; k <= 10; k++) {
        run.append(r < 6 ? "sample" + r : "target");
        flops.append(c * k / 10);
        fin.append(k == 10 ? 1 : 0);
        n.append(params);
        d.append(20 * params * k / 10);
        l.append(loss(c * k / 10));
        s.append(score(loss(c * k / 10)));
      }
    }
    return Table.create("synthetic", run, flops, fin, n, d, l, s);
  }

  private static PredictionRow find(List<PredictionRow> rows, String q, String method) {
    return rows.stream()
        .filter(r -> r.quantity().equals(q) && r.method().equals(method))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void recoversTheTargetFromTheSamplingRuns() {
    PredictSpec spec =
        new PredictSpec(
            Map.of("run_id", "target"),
            null,
            List.of(new PredictSpec.TaskSpec("task_acc", 0.25, null)),
            null,
            null);
    List<PredictionRow> rows = TargetPredictor.predict(table(), spec);
    assertEquals(3 + 4, rows.size());
    PredictionRow l = find(rows, "val_loss_mix", "flp-loss");
    assertEquals(loss(1e19), l.actual(), 1e-12);
    assertEquals(0, l.relError(), 1e-8);
    PredictionRow p = find(rows, "task_acc", "flp-linear");
    assertEquals(score(loss(1e19)), p.actual(), 1e-12);
    assertEquals(0, p.absError(), 1e-8);
    assertNotNull(find(rows, "task_acc", "direct").predicted());
    assertNotNull(find(rows, "task_acc", "flp-exponential").predicted());
  }

  @Test
  void aTargetSelectionMustMatchOneRun() {
    PredictSpec spec = new PredictSpec(Map.of("run_id", "nope"), null, null, null, null);
    InputException e =
        assertThrows(InputException.class, () -> TargetPredictor.predict(table(), spec));
    assertTrue(e.getMessage().contains("matches 0 runs"), e.getMessage());
  }

  @Test
  void aTaskThatNeverEmergedGetsAWarningNotANumber() {
    PredictSpec spec =
        new PredictSpec(
            Map.of("run_id", "target"),
            List.of(),
            List.of(new PredictSpec.TaskSpec("task_acc", 0.95, null)),
            null,
            null);
    PredictionRow r = find(TargetPredictor.predict(table(), spec), "task_acc", "flp-linear");
    assertEquals(null, r.predicted());
    assertTrue(r.warning().contains("too few emerged points"), r.warning());
  }
}
