package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.scalecast.results.InputException;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A results table's values out of range are errors before anything is fitted (a bad-input hunt,
 * twentieth session: each was used as it was, exit 0). Row 9 is run sample0's final row.
 */
class TableCheckTest {
  private static final PredictSpec SPEC =
      new PredictSpec(
          Map.of("run_id", "target"),
          null,
          null,
          List.of(new PredictSpec.TaskSpec("task_acc", 0.25, "val_loss_mix")),
          null,
          null);

  private static String error(Consumer<Table> edit) {
    Table t = TargetPredictorTest.table();
    edit.accept(t);
    return assertThrows(InputException.class, () -> TargetPredictor.predict(t, SPEC)).getMessage();
  }

  @Test
  void aNegativeLossIsAnError() {
    String e = error(t -> t.doubleColumn("val_loss_mix").set(9, -2.39));
    assertTrue(e.contains("data row 10") && e.contains("'val_loss_mix': -2.39 must be > 0"), e);
  }

  @Test
  void aNegativeComputeOrSizeIsAnError() {
    String e = error(t -> t.doubleColumn("flops").set(9, -3.8e15));
    assertTrue(e.contains("column 'flops': -3.8E15 must be > 0"), e);
    e = error(t -> t.doubleColumn("n_params").set(9, 0));
    assertTrue(e.contains("column 'n_params': 0.0 must be > 0"), e);
  }

  @Test
  void oneRunIdForTwoRunsIsAnError() {
    String e = error(t -> t.doubleColumn("n_params").set(9, 2e6));
    assertTrue(e.contains("one N per run (two runs under one id?)"), e);
    e = error(t -> t.doubleColumn("is_final").set(68, 1));
    assertTrue(e.contains("a second final row of run target"), e);
  }

  /** A table appended twice fitted each point twice, exit 0. */
  @Test
  void aRepeatedCheckpointIsAnError() {
    String e = error(t -> t.addRow(3, t));
    assertTrue(e.contains("data row 71") && e.contains("repeats data row 4"), e);
    assertTrue(e.contains("one row per run and tokens"), e);
  }

  /** A final row with fewer tokens than an earlier checkpoint was the run's end for direct. */
  @Test
  void aFinalRowBeforeTheRunsLastCheckpointIsAnError() {
    String e = error(t -> t.doubleColumn("tokens").set(9, 1));
    assertTrue(e.contains("data row 10, column 'is_final': the final row has 1.000 tokens"), e);
    assertTrue(e.contains("fewer than data row 9"), e);
  }

  /**
   * One bad flag makes the column text; every {@code false} before it was then "not a number", and
   * the first of them was named.
   */
  @Test
  void aBadFlagIsNamedAtItsOwnRow() {
    String e =
        error(
            t -> {
              StringColumn flags = StringColumn.create("is_final");
              for (int r = 0; r < t.rowCount(); r++) {
                flags.append(
                    r == 34 ? "maybe" : t.doubleColumn("is_final").get(r) == 1 ? "true" : "false");
              }
              t.replaceColumn("is_final", flags);
            });
    assertTrue(e.contains("data row 35, column 'is_final': 'maybe' is neither true nor false"), e);
  }

  /** A run without a final row is left out of direct's fit: a note says so. */
  @Test
  void aRunWithoutAFinalRowIsNoted() {
    Table t = TargetPredictorTest.table();
    assertEquals(List.of(), TableCheck.notes(t));
    t.doubleColumn("is_final").set(19, 0);
    assertEquals(
        List.of(
            "synthetic: run sample1 has no final row (is_final): direct and gadre-chain leave it"
                + " out, the other methods fit its checkpoints"),
        TableCheck.notes(t));
  }
}
