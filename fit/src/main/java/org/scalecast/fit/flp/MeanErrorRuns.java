package org.scalecast.fit.flp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import tech.tablesaw.api.Table;

/**
 * Why the mean error has few points: it is the mean over every task, so a sampling run missing one
 * task's score gives it none. A new user's GPT-3 table (twenty-seventh session) had 5 empty cells
 * in 4 task columns, and the mean error's methods said only "gadre-loss has 4 parameters but only 1
 * points to fit".
 */
public final class MeanErrorRuns {
  private MeanErrorRuns() {}

  /**
   * @param t the table
   * @param spec the tasks
   * @param sampling rows of the runs to count (the sampling runs, or every run)
   * @return how many of those runs have every task's final score and which tasks the others lack,
   *     or null when every run has them all
   */
  public static String note(Table t, PredictSpec spec, List<Integer> sampling) {
    int runs = 0;
    int complete = 0;
    Map<String, TreeSet<String>> lacking = new LinkedHashMap<>();
    for (int r : sampling) {
      if (!CsvTables.flag(t, Columns.IS_FINAL, r)) {
        continue;
      }
      runs++;
      boolean all = true;
      for (PredictSpec.TaskSpec task : spec.tasks()) {
        if (CsvTables.column(t, task.score()).isMissing(r)) {
          all = false;
          lacking
              .computeIfAbsent(task.score(), k -> new TreeSet<>())
              .add(t.column(Columns.RUN_ID).getString(r));
        }
      }
      complete += all ? 1 : 0;
    }
    return describe(complete, runs, lacking);
  }

  /**
   * @param complete how many runs have every task
   * @param runs how many runs there are
   * @param lacking per task, the runs without it
   * @return the note, or null when no run lacks a task
   */
  public static String describe(
      int complete, int runs, Map<String, ? extends java.util.Collection<String>> lacking) {
    if (lacking.values().stream().allMatch(java.util.Collection::isEmpty)) {
      return null;
    }
    StringBuilder b =
        new StringBuilder(
            String.format(
                "the mean error is over every task: %d of %d runs have every task's final score"
                    + " (missing:",
                complete, runs));
    lacking.forEach(
        (task, ids) -> {
          if (!ids.isEmpty()) {
            b.append(' ').append(task).append(" on ").append(ids).append(',');
          }
        });
    b.setLength(b.length() - 1);
    return b.append(')').toString();
  }
}
