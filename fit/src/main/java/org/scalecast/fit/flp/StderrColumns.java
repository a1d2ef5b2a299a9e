package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalecast.results.Closest;
import org.scalecast.results.Columns;
import org.scalecast.results.InputException;
import org.scalecast.results.RowSources;
import tech.tablesaw.api.Table;

/** Which column of a table holds a task's standard error, for {@link ItemCounts}. */
final class StderrColumns {
  private StderrColumns() {}

  /**
   * The task's standard error column: its {@code stderr:} (checked even beside {@code items:}),
   * else {@code <score>_stderr}, else in a {@code long:} table {@code <score>_<value>_stderr} (the
   * pivot names a task's other columns after the task: {@code arc_easy_acc_stderr} beside the score
   * {@code arc_easy}) or {@code <value>_stderr} (left unnamed where it did not differ between the
   * tasks, as with one task: a review), else the one {@linkplain #orphans orphan} standard error
   * column named after the score and no longer column; null when the table has none.
   *
   * @throws InputException when {@code stderr:} names no column of the table
   */
  static String of(Table t, PredictSpec.TaskSpec k, PredictSpec spec) {
    if (k.stderr() != null) {
      return named(t, k);
    }
    List<String> names = new ArrayList<>(List.of(k.score() + Columns.STDERR_SUFFIX));
    if (spec.ladder() != null && spec.ladder().pivot() != null) {
      String value = spec.ladder().pivot().value();
      names.add(k.score() + "_" + value + Columns.STDERR_SUFFIX);
      names.add(value + Columns.STDERR_SUFFIX);
      names.add(Columns.STDERR_SUFFIX.substring(1)); // 'stderr', with one task not named after it
    }
    return names.stream()
        .filter(t::containsColumn)
        .map(n -> t.column(n).name())
        .findFirst()
        .orElseGet(() -> orphan(t, k.score()));
  }

  private static String named(Table t, PredictSpec.TaskSpec k) {
    if (!t.containsColumn(k.stderr())) {
      throw new InputException(
          "tasks: "
              + k.score()
              + ": its 'stderr:' '"
              + k.stderr()
              + "' is no column of the table predicted from; "
              + Closest.hint(k.stderr(), RowSources.names(t)));
    }
    if (t.column(k.stderr()).name().equalsIgnoreCase(k.score())) {
      throw new InputException(
          "tasks: " + k.score() + ": its 'stderr:' names the score column itself");
    }
    return t.column(k.stderr()).name();
  }

  /**
   * The score's orphan standard error column where there is exactly one: named {@code
   * <score>_<metric>_stderr}, and no longer column of the table names it ({@code
   * mmlu_pro_acc_stderr} is {@code mmlu_pro}'s, not {@code mmlu}'s: a review). A lone orphan not
   * named after the score is not taken, even with one task: {@code gsm8k_em_stderr} beside the one
   * task {@code mmlu} gave mmlu a count from gsm8k's error, and {@code lambada_ppl_stderr} of 3.2
   * stopped a config that had run (the same review). Why: {@code results ladder --out} writes a
   * {@code long:} ladder's table as it was read, the score {@code piqa} beside {@code
   * piqa_acc_stderr}, and that table predicted as a results table read no count, without a word
   * (the twenty-ninth session's review); in such a table the metric the score was pivoted from
   * ({@code piqa_acc}) is no column, so its standard error is the score's.
   *
   * @return the column, or null when none or several are
   */
  private static String orphan(Table t, String score) {
    String prefix = lower(score) + "_";
    List<String> mine =
        orphans(t).stream()
            .filter(c -> lower(c).startsWith(prefix) && !longerColumnNames(t, c, score))
            .toList();
    return mine.size() == 1 ? mine.get(0) : null;
  }

  /** The columns named {@code <x>_stderr} whose {@code <x>} is no column of the table. */
  private static List<String> orphans(Table t) {
    List<String> out = new ArrayList<>();
    String suffix = Columns.STDERR_SUFFIX;
    for (String c : RowSources.names(t)) {
      String lc = lower(c);
      if (lc.endsWith(suffix)
          && lc.length() > suffix.length()
          && !t.containsColumn(c.substring(0, c.length() - suffix.length()))) {
        out.add(c);
      }
    }
    return out;
  }

  /** Whether a column longer than the score names the orphan ({@code arc_easy_...}). */
  private static boolean longerColumnNames(Table t, String column, String score) {
    return RowSources.names(t).stream()
        .anyMatch(
            n ->
                n.length() > score.length()
                    && !n.equalsIgnoreCase(column)
                    && lower(column).startsWith(lower(n) + "_"));
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
