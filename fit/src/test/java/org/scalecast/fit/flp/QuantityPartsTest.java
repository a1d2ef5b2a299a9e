package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** Predicting part by part is predicting the whole config, when every part reads the same rows. */
class QuantityPartsTest {

  /** Two losses, two tasks (one on a loss of its own), the mean error: every family. */
  @Test
  void partsOfACompleteTablePredictExactlyWhatTheWholeConfigDoes() {
    Table t = TargetPredictorTest.table();
    DoubleColumn other = DoubleColumn.create("other_loss");
    DoubleColumn bpb = DoubleColumn.create("task2_bpb");
    DoubleColumn acc = DoubleColumn.create("task2_acc");
    // A second emerged task, so that the tasks' too few backtest errors have another's to shrink
    // toward (task2 stays below chance).
    DoubleColumn third = DoubleColumn.create("task3_acc");
    for (int i = 0; i < t.rowCount(); i++) {
      double l = t.doubleColumn("val_loss_mix").get(i);
      other.append(1.1 * l);
      bpb.append(0.6 * l);
      acc.append(1.2 - 0.5 * 0.6 * l);
      third.append(0.02 + 0.95 * t.doubleColumn("task_acc").get(i) + 0.01 * Math.sin(7 * l));
    }
    t.addColumns(other, bpb, acc, third);
    PredictSpec spec =
        new PredictSpec(
            Map.of("run_id", "target"),
            null,
            List.of("val_loss_mix", "other_loss"),
            List.of(
                new PredictSpec.TaskSpec("task_acc", 0.25, null),
                new PredictSpec.TaskSpec("task2_acc", 0.25, "task2_bpb"),
                new PredictSpec.TaskSpec("task3_acc", 0.25, null)),
            null,
            null);
    List<QuantityParts.Slice> slices = new ArrayList<>();
    for (QuantityParts.Part p : QuantityParts.of(spec)) {
      slices.add(new QuantityParts.Slice(p, t));
    }
    assertEquals(
        List.of(
            "val_loss_mix",
            "other_loss",
            "task_acc",
            "task2_acc",
            "task3_acc",
            Quantity.MEAN_ERROR),
        slices.stream().map(s -> s.part().quantity()).toList());
    Predictions whole = Targets.predictAll(t, spec).get(0).predictions();
    Predictions parts = QuantityParts.predictAll(slices).get(0).predictions();
    assertEquals(whole.rows(), parts.rows());
    assertEquals(whole.fits().keySet(), parts.fits().keySet());
    // The tasks' too few backtest errors are shrunk toward both tasks' in parts too (thirtieth
    // session: a part holds one task, and the first cut shrank within it only).
    assertTrue(
        whole.rows().stream()
            .anyMatch(r -> r.warning() != null && r.warning().contains("shrunk toward")));
    // And so does backtest, run by run.
    assertEquals(
        byRun(Coverage.cases(t, spec, 0.5)),
        byRun(QuantityParts.cases(slices, p -> p, 0.5, Coverage.Progress.NONE)));
  }

  /**
   * The backtest of a complete table part by part, with {@code prepare: auto}, is the backtest of
   * the whole config: each held-out run chooses over every part's rows together (each part chose
   * for itself before: a review; a loss part, without task rows, was never prepared).
   */
  @Test
  void partsBacktestChoosesThePreparationAsTheWholeConfigDoes() {
    Table t = TargetPredictorTest.withNoisyChain();
    PredictSpec spec =
        new PredictSpec(
                null,
                null,
                List.of("val_loss_mix"),
                List.of(new PredictSpec.TaskSpec("task2_acc", 0.25, "task2_bpb")),
                null,
                null)
            .withPrepare(Preparation.named("auto"));
    List<QuantityParts.Slice> slices = new ArrayList<>();
    Map<String, List<PredictionRow>> eachPart = new java.util.TreeMap<>();
    for (QuantityParts.Part p : QuantityParts.of(spec)) {
      slices.add(new QuantityParts.Slice(p, t));
      byRun(Coverage.cases(t, p.spec(), 0.5))
          .forEach(
              (run, rows) -> eachPart.computeIfAbsent(run, k -> new ArrayList<>()).addAll(rows));
    }
    Map<String, List<PredictionRow>> whole = byRun(Coverage.cases(t, spec, 0.5));
    Map<String, List<PredictionRow>> parts =
        byRun(QuantityParts.cases(slices, p -> p, 0.5, Coverage.Progress.NONE));
    assertEquals(whole, parts);
    // The ladder is one on which each part choosing for itself differs: the test can tell.
    eachPart.values().forEach(QuantityPartsTest::sort);
    assertNotEquals(whole, eachPart);
  }

  private static Map<String, List<PredictionRow>> byRun(List<Coverage.Case> cases) {
    Map<String, List<PredictionRow>> out = new java.util.TreeMap<>();
    for (Coverage.Case c : cases) {
      List<PredictionRow> rows = out.computeIfAbsent(c.run(), k -> new ArrayList<>());
      rows.addAll(c.rows());
      sort(rows);
    }
    return out;
  }

  private static void sort(List<PredictionRow> rows) {
    rows.sort(
        java.util.Comparator.comparing(PredictionRow::quantity)
            .thenComparing(PredictionRow::method));
  }

  /** Only mean-error methods named: no task part, as the whole config predicts no task row. */
  @Test
  void aConfigOfMeanErrorMethodsOnlyHasNoTaskParts() {
    PredictSpec spec =
        new PredictSpec(
            null,
            null,
            List.of("val_loss_mix"),
            List.of(new PredictSpec.TaskSpec("task_acc", 0.25, null)),
            null,
            null,
            null,
            null,
            null,
            List.of("gadre-chain"),
            null);
    assertEquals(
        List.of("val_loss_mix", Quantity.MEAN_ERROR),
        QuantityParts.of(spec).stream().map(QuantityParts.Part::quantity).toList());
  }
}
