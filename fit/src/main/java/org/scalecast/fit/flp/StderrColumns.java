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
   * column named after the score; null when the table has none.
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
        .orElseGet(() -> orphan(t, k.score(), spec));
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
   * <score>_<metric>_stderr} (no other task's longer score names it) or, with one task, any orphan.
   * Why: {@code results ladder --out} writes a {@code long:} ladder's table as it was read, the
   * score {@code piqa} beside {@code piqa_acc_stderr}, and that table predicted as a results table
   * read no count, without a word (the twenty-ninth session's review); in such a table the metric
   * the score was pivoted from ({@code piqa_acc}) is no column, so its standard error is the
   * score's.
   *
   * @return the column, or null when none or several are
   */
  private static String orphan(Table t, String score, PredictSpec spec) {
    List<String> all = orphans(t);
    String prefix = lower(score) + "_";
    List<String> mine =
        all.stream()
            .filter(c -> lower(c).startsWith(prefix) && !longerScoreNames(c, score, spec))
            .toList();
    if (mine.isEmpty() && spec.tasks().size() == 1) {
      mine = all;
    }
    return mine.size() == 1 ? mine.get(0) : null;
  }

  /**
   * @return the columns named {@code <x>_stderr}, or {@code stderr}, whose {@code <x>} is no column
   *     of the table
   */
  static List<String> orphans(Table t) {
    List<String> out = new ArrayList<>();
    String suffix = Columns.STDERR_SUFFIX;
    for (String c : RowSources.names(t)) {
      String lc = lower(c);
      if (lc.equals(suffix.substring(1))) {
        out.add(c);
      } else if (lc.endsWith(suffix)
          && lc.length() > suffix.length()
          && !t.containsColumn(c.substring(0, c.length() - suffix.length()))) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Whether another task's score, longer than this one, names the column ({@code arc_easy_...}).
   */
  private static boolean longerScoreNames(String column, String score, PredictSpec spec) {
    return spec.tasks().stream()
        .map(PredictSpec.TaskSpec::score)
        .anyMatch(s -> s.length() > score.length() && lower(column).startsWith(lower(s) + "_"));
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
