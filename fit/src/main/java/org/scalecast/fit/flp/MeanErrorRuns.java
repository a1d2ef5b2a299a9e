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
final class MeanErrorRuns {
  private MeanErrorRuns() {}

  /**
   * @param t the table
   * @param spec the tasks
   * @param sampling rows of the sampling runs
   * @return how many sampling runs have every task's final score and which tasks the others lack,
   *     or null when every run has them all
   */
  static String note(Table t, PredictSpec spec, List<Integer> sampling) {
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
    if (lacking.isEmpty()) {
      return null;
    }
    StringBuilder b =
        new StringBuilder(
            String.format(
                "the mean error is over every task: %d of %d sampling runs have every task's final"
                    + " score (missing:",
                complete, runs));
    lacking.forEach(
        (task, ids) -> b.append(' ').append(task).append(" on ").append(ids).append(','));
    b.setLength(b.length() - 1);
    return b.append(')').toString();
  }
}
