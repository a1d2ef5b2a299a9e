package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.Role;
import tech.tablesaw.api.Table;

/**
 * Tasks' item counts read from the standard errors a table carries beside their scores, for a task
 * whose config entry gives no {@code items:}. The lm-evaluation-harness writes each metric's
 * standard error ({@code acc_stderr}), and {@code results import lm-eval} keeps it beside the score
 * ({@code piqa_acc_stderr}, {@link Columns#STDERR_SUFFIX}). A mean of n items scored 0 or 1 has the
 * harness's standard error sqrt(p (1 - p) / (n - 1)) (the sample standard deviation over sqrt(n)),
 * so n = p (1 - p) / se^2 + 1 on each row; the median over the sampling runs' rows is the count.
 * For a score that is no mean of 0/1 items (TruthfulQA's mc2, an F1) it is the count of such items
 * that would have this standard error: the noise it adds is the column's, whatever the true count.
 *
 * <p>Why: the count widens a target's interval by its own evaluation noise ({@link Widening}), and
 * users who had the standard errors in their table did not give it (twenty-ninth session: on the
 * Pythia ladders of lm-eval files, where each task's count was worked out from them by hand, 4 of 5
 * intervals held at 90% on one configuration and 5 of 5 with it). The targets' own rows are not
 * read: their measurement is what is predicted.
 */
public final class ItemCounts {
  private ItemCounts() {}

  /**
   * @param spec the config with item counts filled in from the table
   * @param notes one line for the tasks whose counts were read, then one per task whose column gave
   *     none
   */
  public record Resolved(PredictSpec spec, List<String> notes) {}

  /**
   * A standard error cell that is no standard error: an error of the data, not of the config, so
   * that {@code results ladder}, which fits nothing, can list the runs before it stops (a review).
   */
  public static final class Unreadable extends InputException {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }

  /**
   * @param spec a config
   * @return it with a count on every task, so that no standard error column is read: for a listing
   *     that fits nothing ({@code results ladder} after an {@link Unreadable})
   */
  public static PredictSpec unread(PredictSpec spec) {
    return spec.withTasks(
        spec.tasks().stream().map(k -> k.items() != null ? k : k.withItems(1)).toList());
  }

  /**
   * @param t the table predicted from
   * @param spec the config, tasks resolved
   * @return {@link #fromStderr(Function, PredictSpec)} with every task read from {@code t}
   */
  public static Resolved fromStderr(Table t, PredictSpec spec) {
    return fromStderr(score -> t, spec);
  }

  /**
   * @param tableOf each task's table by its score column: the ladder's rows that have the task's
   *     own columns where some rows lack some (a review: the rows with every predicted column left
   *     a task whose standard error was on every row with none)
   * @param spec the config, tasks resolved
   * @return the config with each task's item count where its entry gave none and its standard error
   *     column gives one, and what was read
   * @throws InputException when a task's {@code stderr:} names no column of the table, or a cell of
   *     its standard error column is text, negative, or too large for its score's
   */
  public static Resolved fromStderr(Function<String, Table> tableOf, PredictSpec spec) {
    List<PredictSpec.TaskSpec> tasks = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> counts = new ArrayList<>();
    // The targets' rows once per table: every task of a ladder read whole shares one.
    Map<Table, TargetRows> targets = new IdentityHashMap<>();
    for (PredictSpec.TaskSpec k : spec.tasks()) {
      Table t = tableOf.apply(k.score());
      String se = StderrColumns.of(t, k, spec);
      if (k.items() != null || se == null) {
        tasks.add(k);
        continue;
      }
      TargetRows rows = targets.computeIfAbsent(t, x -> targetRows(x, spec));
      tasks.add(counted(t, k, se, rows, counts, notes));
    }
    if (!counts.isEmpty()) {
      // One line for every task read: one a task filled a listing with eight lines of 250
      // characters (a review).
      notes.add(
          0,
          "item counts from standard error columns, as means of items scored 0 or 1 (p (1 - p) /"
              + " se^2 + 1, the median over the sampling runs' rows), for the targets' evaluation"
              + " noise; 'items:' sets one: "
              + String.join(", ", counts));
    }
    return new Resolved(notes.isEmpty() ? spec : spec.withTasks(tasks), notes);
  }

  /**
   * The task with its count, its known targets' rows left out. Where a target's {@code where} names
   * no run (or no column) and no row is marked a target, a row may be the target's unknowingly: a
   * cell's error is then a note, not a stop, so that the prediction's own error about the {@code
   * where} shows (an error on the target's row hid a misspelt target_where: a review), and {@code
   * backtest}, which predicts every run, still reads the count (a later review: it was dropped in
   * silence).
   */
  private static PredictSpec.TaskSpec counted(
      Table t,
      PredictSpec.TaskSpec k,
      String se,
      TargetRows rows,
      List<String> counts,
      List<String> notes) {
    try {
      return read(t, k, se, rows.rows(), counts, notes);
    } catch (Unreadable e) {
      if (!rows.unknown()) {
        throw e;
      }
      notes.add(
          "task "
              + k.score()
              + ": no item count: "
              + e.getMessage()
              + " (a target's where names no run here, so this row may be the target's)");
      return k;
    }
  }

  /**
   * @param rows the known targets' rows
   * @param unknown whether a target's {@code where} named no run or no column, with no row marked
   */
  private record TargetRows(Set<Integer> rows, boolean unknown) {}

  /**
   * The task with the count its standard error column gives, if any: the count said in {@code
   * counts} ("piqa_acc 1838 (piqa_acc_stderr, 96 rows)"), or a note that the column gave none.
   */
  private static PredictSpec.TaskSpec read(
      Table t,
      PredictSpec.TaskSpec k,
      String se,
      Set<Integer> targets,
      List<String> counts,
      List<String> notes) {
    List<Double> rows = counts(t, k.score(), se, targets);
    if (rows.isEmpty()) {
      notes.add(
          String.format(
              Locale.ROOT,
              "task %s: its standard error column %s has no number > 0 beside a score strictly"
                  + " between 0 and 1 on a sampling run: no item count from it (give 'items:')",
              k.score(),
              se));
      return k;
    }
    // A count past int's range is noise of nothing (se 1e-9): capped, not overflowed (a review).
    int n = (int) Math.min(Integer.MAX_VALUE, Math.round(Withheld.median(rows)));
    counts.add(
        String.format(
            Locale.ROOT,
            "%s %d (%s, %d row%s%s)",
            k.score(),
            n,
            se,
            rows.size(),
            rows.size() == 1 ? "" : "s",
            spread(rows)));
    return k.withItems(n);
  }

  /**
   * p (1 - p) / se^2 + 1 on each sampling row where both cells are numbers, the score strictly
   * between 0 and 1 and the standard error above 0; a missing cell (empty, N/A, as lm-eval writes a
   * standard error it did not compute) is passed over.
   *
   * @throws Unreadable naming the cell of a standard error that is text, negative, or above sqrt(p
   *     (1 - p)) (by more than the file's rounding), the most a mean of two or more 0/1 items has
   *     (a percent beside a fraction: it made 1 item and an interval of [0, 1], exit 0, a review)
   */
  static List<Double> counts(Table t, String score, String se, Set<Integer> targets) {
    List<Double> out = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      if (targets.contains(r)) {
        continue;
      }
      if (CsvTables.isText(t, se, r)) {
        throw new Unreadable(
            CsvTables.cell(t, se, r)
                + ": '"
                + t.column(se).getString(r).strip()
                + "' is no number (a standard error)");
      }
      double p = CsvTables.numberOrNaN(t, score, r);
      double s = CsvTables.numberOrNaN(t, se, r);
      if (s < 0) {
        throw new Unreadable(CsvTables.cell(t, se, r) + ": a standard error below 0: " + s);
      }
      if (!(p > 0 && p < 1 && s > 0 && Double.isFinite(s))) { // Infinity: missing, as 'inf' is
        continue;
      }
      // Past two items' standard error, rounding of the file's digits aside.
      if (s * s > p * (1 - p) * 1.001) {
        throw new Unreadable(
            String.format(
                Locale.ROOT,
                "%s: a standard error of %.4g beside a score of %.4g is above sqrt(p (1 - p)) ="
                    + " %.4g, the most a mean of two or more items has (percent beside a fraction?)",
                CsvTables.cell(t, se, r),
                s,
                p,
                Math.sqrt(p * (1 - p))));
      }
      out.add(p * (1 - p) / (s * s) + 1);
    }
    return out;
  }

  /**
   * The rows of the config's targets: marked as targets, or of a run a target's {@code where} picks
   * (a results table's target_where need not be marked: a review found its row read), and whether
   * some target is unknown (its {@code where} names no run or no column, and no row is marked).
   */
  private static TargetRows targetRows(Table t, PredictSpec spec) {
    Set<String> runs = new HashSet<>();
    boolean unknown = false;
    for (PredictSpec one : Targets.each(spec)) {
      if (one.targetWhere().isEmpty()) {
        continue;
      }
      try {
        Set<String> picked = Target.runsWhere(t, one.targetWhere());
        unknown |= picked.isEmpty();
        runs.addAll(picked);
      } catch (InputException e) {
        unknown = true;
      }
    }
    boolean roles = t.columnNames().contains(Columns.ROLE);
    boolean ids = t.columnNames().contains(Columns.RUN_ID);
    Set<Integer> out = new HashSet<>();
    boolean marked = false;
    for (int r = 0; r < t.rowCount(); r++) {
      boolean target = roles && Role.TARGET.key().equals(t.column(Columns.ROLE).getString(r));
      marked |= target;
      if (target || (ids && runs.contains(t.column(Columns.RUN_ID).getString(r)))) {
        out.add(r);
      }
    }
    return new TargetRows(out, unknown && !marked);
  }

  /**
   * The rows' range where they differ by a count or more (a table whose rows cover other items).
   */
  private static String spread(List<Double> counts) {
    double lo = Collections.min(counts);
    double hi = Collections.max(counts);
    return hi - lo < 1 ? "" : String.format(Locale.ROOT, ", from %.0f to %.0f", lo, hi);
  }
}
