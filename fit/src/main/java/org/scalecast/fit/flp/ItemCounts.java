package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.scalecast.results.Closest;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.Role;
import org.scalecast.results.RowSources;
import tech.tablesaw.api.Table;

/**
 * Tasks' item counts read from the standard errors a table carries beside their scores, for a task
 * whose config entry gives no {@code items:}. The lm-evaluation-harness writes each metric's
 * standard error ({@code acc_stderr}), and {@code results import lm-eval} keeps it beside the score
 * ({@code piqa_acc_stderr}, {@link Columns#STDERR_SUFFIX}). A mean of n items scored 0 or 1 has the
 * harness's standard error sqrt(p (1 - p) / (n - 1)) (the sample standard deviation over sqrt(n)),
 * so n = p (1 - p) / se^2 + 1 on each row; the median over the sampling runs' rows is the count.
 *
 * <p>Why: the count widens a target's interval by its own evaluation noise ({@link Widening}), and
 * users who had the standard errors in their table did not give it (twenty-ninth session: on the
 * Pythia ladders of lm-eval files, where each task's count was worked out from them by hand, 4 of 5
 * intervals held at 90% on one configuration and 5 of 5 with it). The target's own rows are not
 * read: its measurement is what is predicted.
 */
public final class ItemCounts {
  private ItemCounts() {}

  /**
   * @param spec the config with item counts filled in from the table
   * @param notes one line per task whose count was read, or whose column gave none
   */
  public record Resolved(PredictSpec spec, List<String> notes) {}

  /**
   * @param t the table predicted from
   * @param spec the config, tasks resolved
   * @return the config with each task's item count where its entry gave none and its standard error
   *     column gives one, and what was read
   * @throws InputException when a task's {@code stderr:} names no column of the table
   */
  public static Resolved fromStderr(Table t, PredictSpec spec) {
    List<PredictSpec.TaskSpec> tasks = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String pivoted =
        spec.ladder() != null && spec.ladder().pivot() != null
            ? spec.ladder().pivot().value()
            : null;
    for (PredictSpec.TaskSpec k : spec.tasks()) {
      tasks.add(k.items() != null ? k : read(t, k, column(t, k, pivoted), notes));
    }
    return new Resolved(notes.isEmpty() ? spec : spec.withTasks(tasks), notes);
  }

  /**
   * The task's standard error column: its {@code stderr:}, else {@code <score>_stderr}, else in a
   * {@code long:} table {@code <score>_<value>_stderr} (the pivot names a task's other columns
   * after the task: {@code arc_easy_acc_stderr} beside the score {@code arc_easy}); null when the
   * table has none.
   *
   * @throws InputException when {@code stderr:} names no column of the table
   */
  private static String column(Table t, PredictSpec.TaskSpec k, String pivoted) {
    if (k.stderr() != null) {
      if (!t.columnNames().contains(k.stderr())) {
        throw new InputException(
            "tasks: "
                + k.score()
                + ": its 'stderr:' "
                + k.stderr()
                + " is no column of the table predicted from; "
                + Closest.hint(k.stderr(), RowSources.names(t)));
      }
      return k.stderr();
    }
    String plain = k.score() + Columns.STDERR_SUFFIX;
    if (t.columnNames().contains(plain)) {
      return plain;
    }
    String pivot = pivoted == null ? null : k.score() + "_" + pivoted + Columns.STDERR_SUFFIX;
    return pivot != null && t.columnNames().contains(pivot) ? pivot : null;
  }

  /** The task with the count its standard error column gives, if any; a note either way. */
  private static PredictSpec.TaskSpec read(
      Table t, PredictSpec.TaskSpec k, String se, List<String> notes) {
    if (se == null) {
      return k;
    }
    double[] counts = counts(t, k.score(), se);
    if (counts.length == 0) {
      notes.add(
          String.format(
              Locale.ROOT,
              "task %s: its standard error column %s has no number > 0 beside a score strictly"
                  + " between 0 and 1 on a sampling run: no item count from it (give 'items:')",
              k.score(),
              se));
      return k;
    }
    Arrays.sort(counts); // counts' length: one per readable sampling row
    int n = (int) Math.round(median(counts));
    notes.add(
        String.format(
            Locale.ROOT,
            "task %s: items %d from its standard error column %s (p (1 - p) / se^2 + 1, the"
                + " median over %d sampling rows%s): the target's evaluation noise widens its"
                + " interval; give 'items:' to set it",
            k.score(),
            n,
            se,
            counts.length,
            spread(counts)));
    return k.withItems(Math.max(1, n));
  }

  /** p (1 - p) / se^2 + 1 on each row of a sampling run where both cells are usable numbers. */
  static double[] counts(Table t, String score, String se) {
    boolean roles = t.columnNames().contains(Columns.ROLE);
    List<Double> out = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      if (roles && Role.TARGET.key().equals(t.column(Columns.ROLE).getString(r))) {
        continue;
      }
      double p = CsvTables.numberOrNaN(t, score, r);
      double s = CsvTables.numberOrNaN(t, se, r);
      if (p > 0 && p < 1 && s > 0 && Double.isFinite(s)) {
        out.add(p * (1 - p) / (s * s) + 1);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The rows' range where they differ by a count or more (a table whose rows cover other items).
   */
  private static String spread(double[] sorted) {
    double lo = sorted[0];
    double hi = sorted[sorted.length - 1];
    return hi - lo < 1 ? "" : String.format(Locale.ROOT, ", from %.0f to %.0f", lo, hi);
  }

  private static double median(double[] sorted) {
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }
}
