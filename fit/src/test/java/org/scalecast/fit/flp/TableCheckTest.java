package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.scalecast.results.Columns;
import org.scalecast.results.InputException;
import org.scalecast.results.RowSources;
import tech.tablesaw.api.DoubleColumn;
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

  /**
   * A column named like one scalecast reads or adds, but for case, is named: Tablesaw compares
   * column names ignoring case, and 'Role' in a results table, or 'Mean_Error' beside the tasks,
   * ended in an internal error when scalecast added its own (a review, twenty-fourth session).
   */
  @Test
  void aColumnNamedLikeScalecastsButForCaseIsAnError() {
    String e = error(t -> t.addColumns(StringColumn.create("Role", t.rowCount())));
    assertTrue(e.contains("column 'Role' is named like scalecast's 'role' but for case"), e);
    e = error(t -> t.addColumns(DoubleColumn.create("Mean_Error", t.rowCount())));
    assertTrue(e.contains("column 'Mean_Error' is named like scalecast's 'mean_error'"), e);
  }

  /**
   * A ladder's table is sorted by run and step and joined from files, so an error that named its
   * row index pointed at another line of the user's file ("data row 4" for the file's eighth:
   * twenty-fifth session); it names where the row was read.
   */
  @Test
  void aLaddersRowIsNamedWhereItWasRead() {
    String e =
        error(
            t -> {
              StringColumn where = StringColumn.create(Columns.SOURCE_ROW, t.rowCount());
              where.set(4, RowSources.encode(7, "ladder.csv, data row 8", null, List.of()));
              t.addColumns(where);
              t.doubleColumn("task_acc").set(4, 34);
            });
    assertTrue(e.startsWith("ladder.csv, data row 8, column 'task_acc': 34"), e);
    // A cell that is no record of a ladder's (a results table's own column) names the table's row.
    e =
        error(
            t -> {
              t.addColumns(StringColumn.create(Columns.SOURCE_ROW, t.rowCount()));
              t.doubleColumn("task_acc").set(4, 34);
            });
    assertTrue(e.contains(", data row 5, column 'task_acc': 34"), e);
  }

  /**
   * The first bad cell named is the first the user's file holds, not the first of the table sorted
   * by run: a whole column of percentages was named at GPT-3's 13B, the file's seventh row
   * ("gpt3-13b" sorts first: a new user, twenty-seventh session).
   */
  @Test
  void theFirstBadCellNamedIsTheFirstRead() {
    String e =
        error(
            t -> {
              StringColumn where = StringColumn.create(Columns.SOURCE_ROW, t.rowCount());
              for (int r = 0; r < t.rowCount(); r++) {
                int read = (r + 3) % t.rowCount(); // table row 0 was read fourth
                where.set(
                    r, RowSources.encode(read, "l.csv, data row " + (read + 1), null, List.of()));
              }
              t.addColumns(where);
              t.doubleColumn("task_acc").set(0, 34);
              t.doubleColumn("task_acc").set(t.rowCount() - 1, 35);
            });
    assertTrue(e.startsWith("l.csv, data row 3, column 'task_acc': 35"), e);
  }

  @Test
  void aNegativeLossIsAnError() {
    String e = error(t -> t.doubleColumn("val_loss_mix").set(9, -2.39));
    assertTrue(e.contains("data row 10") && e.contains("'val_loss_mix': -2.39 must be > 0"), e);
  }

  /**
   * Text in a predicted column is an error before anything is fitted: each method that read it was
   * refused with the error as its reason and the others predicted, exit 0 (twenty-sixth session). A
   * spelling of a missing value is not text.
   */
  @Test
  void textInAPredictedColumnIsAnError() {
    String e = error(t -> replaced(t, "val_loss_mix", 9, "no log of -3.0 (the log of x)"));
    assertTrue(e.contains("data row 10") && e.contains("'val_loss_mix': no log of -3.0"), e);
    e = error(t -> replaced(t, "task_acc", 2, "0.5x"));
    assertTrue(e.contains("data row 3") && e.contains("'task_acc': '0.5x' is not a number"), e);
    Table missing = TargetPredictorTest.table();
    replaced(missing, "task_acc", 2, "N/A");
    TableCheck.check(missing, SPEC);
    // No fit reads a target's rows before its final one, which where: keeps (a review: a
    // perplexity of 0 at Pythia-12B's step 0 stopped predict); its final row is read.
    Table roles = TargetPredictorTest.table();
    StringColumn role = StringColumn.create(Columns.ROLE);
    roles
        .stringColumn(Columns.RUN_ID)
        .forEach(run -> role.append(run.equals("target") ? "target" : "sampling"));
    roles.addColumns(role);
    replaced(roles, "val_loss_mix", 60, "no log of 0.0");
    TableCheck.check(roles, SPEC);
    replaced(roles, "val_loss_mix", 69, "no log of 0.0");
    String last =
        assertThrows(InputException.class, () -> TableCheck.check(roles, SPEC)).getMessage();
    assertTrue(last.contains("data row 70"), last);
  }

  /** The table with column {@code name} as text, {@code text} in row {@code r}. */
  private static void replaced(Table t, String name, int r, String text) {
    StringColumn s = StringColumn.create(name);
    t.column(name).forEach(v -> s.append(String.valueOf(v)));
    s.set(r, text);
    t.replaceColumn(name, s);
  }

  @Test
  void aNegativeComputeOrSizeIsAnError() {
    String e = error(t -> t.doubleColumn("flops").set(9, -3.8e15));
    assertTrue(e.contains("column 'flops': -3.8E15 must be > 0"), e);
    e = error(t -> t.doubleColumn("n_params").set(9, 0));
    assertTrue(e.contains("column 'n_params': 0.0 must be > 0"), e);
  }

  /**
   * An infinite loss (a diverged checkpoint, or a table's "Infinity") passed the check above 0 and
   * was fitted; an infinite C was already an error.
   */
  @Test
  void anInfiniteValueIsAnError() {
    String e = error(t -> t.doubleColumn("val_loss_mix").set(9, Double.POSITIVE_INFINITY));
    assertTrue(
        e.contains("data row 10") && e.contains("'val_loss_mix': 'Infinity' is infinite"), e);
    e = error(t -> t.doubleColumn("flops").set(3, Double.POSITIVE_INFINITY));
    assertTrue(e.contains("data row 4") && e.contains("'flops': 'Infinity' is infinite"), e);
  }

  /**
   * A task's scores are fractions, as its chance level is: scores given in percent (published
   * tables print 67.3) were fitted as they were and every method refused or failed, without a word
   * on why.
   */
  @Test
  void aScoreAboveOneIsAnError() {
    String e =
        error(
            t -> {
              DoubleColumn s = t.doubleColumn("task_acc");
              for (int r = 0; r < t.rowCount(); r++) {
                s.set(r, 100 * s.get(r));
              }
            });
    assertTrue(e.contains("column 'task_acc'"), e);
    assertTrue(e.contains("task scores are fractions, at most 1 (percent? divide by 100)"), e);
    e = error(t -> t.doubleColumn("task_acc").set(4, Double.NEGATIVE_INFINITY));
    assertTrue(e.contains("data row 5, column 'task_acc'") && e.contains("is infinite"), e);
    e = error(t -> t.doubleColumn("task_acc").set(4, 250));
    assertTrue(e.endsWith("task scores are fractions, at most 1"), e);
    // A float sum of ten 0.1f items is 1.0000001: a score of 1, not an error.
    Table t = TargetPredictorTest.table();
    t.doubleColumn("task_acc").set(0, 1.0000001);
    TargetPredictor.predict(t, SPEC);
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

  /**
   * A final row before the run's last checkpoint (by step, or by tokens without steps) was the
   * run's end for direct; a row without a step is no checkpoint to compare (published runs).
   */
  @Test
  void aFinalRowBeforeTheRunsLastCheckpointIsAnError() {
    String e = error(t -> t.doubleColumn("tokens").set(9, 1));
    assertTrue(e.contains("data row 10, column 'is_final': the final row is at tokens 1.000"), e);
    assertTrue(e.contains("before data row 9"), e);
    e = error(t -> t.addColumns(steps(t, 9, 5)));
    assertTrue(e.contains("data row 10 (run sample0, step 5), column 'is_final'"), e);
    // Tokens that restart at a resume, with steps going on, are the ladder's to allow.
    Table resumed = TargetPredictorTest.table();
    resumed.addColumns(steps(resumed, -1, 0));
    resumed.doubleColumn("tokens").set(9, resumed.doubleColumn("tokens").get(0));
    resumed.doubleColumn("step").setMissing(4);
    TableCheck.check(resumed, SPEC);
  }

  /** Steps 10, 20, ... per run, with {@code row}'s set to {@code step}. */
  private static DoubleColumn steps(Table t, int row, double step) {
    DoubleColumn s = DoubleColumn.create("step");
    for (int r = 0; r < t.rowCount(); r++) {
      s.append(r == row ? step : 10 * (r % 10 + 1));
    }
    return s;
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
            "synthetic: run sample1 has no final row (is_final): it is left out of every fit of"
                + " final checkpoints (the loss laws, each task chain's stage 1, direct); only a"
                + " chain's stage 2 reads its checkpoints"),
        TableCheck.notes(t));
  }
}
