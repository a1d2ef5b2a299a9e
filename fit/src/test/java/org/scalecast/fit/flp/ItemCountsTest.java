package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.results.Columns;
import org.scalecast.results.InputException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Item counts from a table's standard error columns (twenty-ninth session). */
class ItemCountsTest {
  /** The lm-evaluation-harness's standard error of a 0/1 mean of n items at p. */
  private static String se(double p, int n) {
    return Double.toString(Math.sqrt(p * (1 - p) / (n - 1)));
  }

  /**
   * Three sampling rows of a 1,000-item task and a target row whose standard error says 10 items.
   */
  private static Table table(String stderrName, String... stderr) {
    return Table.create(
        "ladder.csv",
        StringColumn.create(Columns.RUN_ID, "a", "b", "c", "t"),
        StringColumn.create(Columns.ROLE, "sampling", "sampling", "sampling", "target"),
        DoubleColumn.create("arc_acc", 0.3, 0.4, 0.5, 0.6),
        StringColumn.create(stderrName, stderr));
  }

  private static PredictSpec spec(PredictSpec.TaskSpec task) {
    return new PredictSpec(null, null, null, List.of(task), null, null);
  }

  /** The task arc_acc with the target run picked by {@code column = value}. */
  private static PredictSpec targetWhere(String column, String value) {
    return new PredictSpec(
        java.util.Map.of(column, value),
        null,
        null,
        List.of(new PredictSpec.TaskSpec("arc_acc", 0.25, null)),
        null,
        null);
  }

  @Test
  void aStandardErrorColumnGivesTheCountFromTheSamplingRows() {
    Table t = table("arc_acc_stderr", se(0.3, 1000), se(0.4, 1000), se(0.5, 1000), se(0.6, 10));
    ItemCounts.Resolved r =
        ItemCounts.fromStderr(t, spec(new PredictSpec.TaskSpec("arc_acc", 0.25, null)));
    // Without the column's reading the count stayed null and the interval had no noise.
    assertEquals(1000, r.spec().tasks().get(0).items());
    assertEquals(1, r.notes().size());
    assertTrue(
        r.notes().get(0).contains("'items:' sets one: arc_acc 1000 (arc_acc_stderr, 3 rows)"),
        r.notes().toString());
  }

  @Test
  void aGivenCountIsKept() {
    Table t = table("arc_acc_stderr", se(0.3, 1000), se(0.4, 1000), se(0.5, 1000), se(0.6, 10));
    ItemCounts.Resolved r =
        ItemCounts.fromStderr(t, spec(new PredictSpec.TaskSpec("arc_acc", 0.25, null, 500)));
    assertEquals(500, r.spec().tasks().get(0).items());
    assertEquals(List.of(), r.notes());
  }

  @Test
  void aNamedColumnIsReadAndAMissingOneIsAnError() {
    Table t = table("arc_se", se(0.3, 800), se(0.4, 900), se(0.5, 1000), "N/A");
    PredictSpec.TaskSpec named = new PredictSpec.TaskSpec("arc_acc", 0.25, null, null, "arc_se");
    ItemCounts.Resolved r = ItemCounts.fromStderr(t, spec(named));
    assertEquals(900, r.spec().tasks().get(0).items());
    assertTrue(
        r.notes().get(0).contains("arc_acc 900 (arc_se, 3 rows, from 800 to 1000)"),
        r.notes().toString());
    PredictSpec.TaskSpec wrong = new PredictSpec.TaskSpec("arc_acc", 0.25, null, null, "arc_sd");
    InputException e =
        assertThrows(InputException.class, () -> ItemCounts.fromStderr(t, spec(wrong)));
    assertTrue(
        e.getMessage().contains("arc_acc: its 'stderr:' 'arc_sd' is no column"), e.getMessage());
    // Beside a given count too: the misspelt key passed in silence (a review).
    PredictSpec.TaskSpec counted = new PredictSpec.TaskSpec("arc_acc", 0.25, null, 500, "arc_sd");
    assertThrows(InputException.class, () -> ItemCounts.fromStderr(t, spec(counted)));
  }

  /**
   * A standard error no mean of items can have (a percent beside a fraction), text or a negative
   * one is an error naming the cell: each made 1 item, or was passed over, exit 0 (a review).
   */
  @Test
  void anImpossibleOrUnreadableStandardErrorIsAnError() {
    PredictSpec s = spec(new PredictSpec.TaskSpec("arc_acc", 0.25, null));
    for (String bad : new String[] {"1.45", "0.0l9", "-0.049"}) {
      Table t = table("arc_acc_stderr", se(0.3, 1000), bad, se(0.5, 1000), se(0.6, 10));
      InputException e = assertThrows(InputException.class, () -> ItemCounts.fromStderr(t, s));
      assertTrue(e.getMessage().contains("data row 2"), e.getMessage());
      assertTrue(e.getMessage().contains("column 'arc_acc_stderr'"), e.getMessage());
    }
    // A tiny one is a huge count, capped (it overflowed to a negative count).
    Table tiny = table("arc_acc_stderr", "1e-9", "1e-9", "1e-9", "1e-9");
    assertEquals(Integer.MAX_VALUE, ItemCounts.fromStderr(tiny, s).spec().tasks().get(0).items());
  }

  /** A target picked by target_where whose row is not marked a target is not read (a review). */
  @Test
  void aTargetWhereRowIsNotRead() {
    Table t =
        Table.create(
            "results.csv",
            StringColumn.create(Columns.RUN_ID, "a", "b", "c", "t"),
            StringColumn.create(Columns.IS_FINAL, "true", "true", "true", "true"),
            DoubleColumn.create("arc_acc", 0.3, 0.4, 0.5, 0.6),
            StringColumn.create(
                "arc_acc_stderr", se(0.3, 1000), se(0.4, 1000), se(0.5, 10), se(0.6, 10)));
    PredictSpec s = targetWhere(Columns.RUN_ID, "t");
    // Without t: the median of 1000, 1000 and 10; with it, of 1000, 1000, 10 and 10.
    assertEquals(1000, ItemCounts.fromStderr(t, s).spec().tasks().get(0).items());
    // A target_where that picks no run: which row is the target's is unknown; the count is still
    // read (backtest predicts every run: it was dropped in silence, a review), and a cell's error
    // is a note, so that the prediction's error about the where shows (a review).
    PredictSpec misspelt = targetWhere("Modle", "t");
    assertEquals(505, ItemCounts.fromStderr(t, misspelt).spec().tasks().get(0).items());
    t.replaceColumn(
        "arc_acc_stderr",
        StringColumn.create("arc_acc_stderr", se(0.3, 1000), se(0.4, 1000), se(0.5, 10), "4.9"));
    ItemCounts.Resolved r = ItemCounts.fromStderr(t, misspelt);
    assertEquals(null, r.spec().tasks().get(0).items());
    assertTrue(
        r.notes().get(0).contains("no item count: results.csv, data row 4"), r.notes().toString());
    // With the target known, its row is not read: no error, the count from the other three.
    assertEquals(1000, ItemCounts.fromStderr(t, s).spec().tasks().get(0).items());
  }

  /**
   * Two items at p = 0.5 have se = sqrt(p (1 - p)): the edge, a count; the score as se: an error.
   */
  @Test
  void theEdgesOfAStandardError() {
    Table t = table("arc_acc_stderr", se(0.3, 2), se(0.4, 2), se(0.5, 2), "0.01");
    PredictSpec s = spec(new PredictSpec.TaskSpec("arc_acc", 0.25, null));
    assertEquals(2, ItemCounts.fromStderr(t, s).spec().tasks().get(0).items());
    // An infinite one is a missing value, as the text 'inf' is (a review: they differed).
    Table inf =
        Table.create(
            "ladder.csv",
            StringColumn.create(Columns.RUN_ID, "a", "b"),
            DoubleColumn.create("arc_acc", 0.3, 0.4),
            DoubleColumn.create("arc_acc_stderr", Double.POSITIVE_INFINITY, 0.0155));
    assertEquals(1000, ItemCounts.fromStderr(inf, s).spec().tasks().get(0).items(), 2);
    PredictSpec self = spec(new PredictSpec.TaskSpec("arc_acc", 0.25, null, null, "arc_acc"));
    assertThrows(InputException.class, () -> ItemCounts.fromStderr(t, self));
  }

  @Test
  void aColumnWithoutAUsableCellIsNotedAndGivesNoCount() {
    Table t = table("arc_acc_stderr", "N/A", "0", "", "0.01");
    ItemCounts.Resolved r =
        ItemCounts.fromStderr(t, spec(new PredictSpec.TaskSpec("arc_acc", 0.25, null)));
    assertNull(r.spec().tasks().get(0).items());
    assertTrue(r.notes().get(0).contains("no item count from it"), r.notes().toString());
  }

  @Test
  void withoutTheColumnNothingChanges() {
    Table t = table("other", "1", "2", "3", "4");
    PredictSpec s = spec(new PredictSpec.TaskSpec("arc_acc", 0.25, null));
    ItemCounts.Resolved r = ItemCounts.fromStderr(t, s);
    assertEquals(s, r.spec());
    assertEquals(List.of(), r.notes());
  }
}
