package org.scalecast.fit.flp;

import java.util.List;
import java.util.Locale;
import org.scalecast.results.CsvTables;
import tech.tablesaw.api.Table;

/**
 * Says where every sampling run ended below the task's chance level: the runs are not yet above
 * guessing (Cerebras-GPT's ARC-Challenge and OpenBookQA up to 2.7B), or the level is not the task's
 * (a constant answer's score, e.g. the majority class, where that is what the metric rewards). Over
 * the comparison configurations it marks 20 rows chosen in advance, 18 of them refused. A new
 * user's lm-eval 0.3 WSC with chance 0.635 (its majority class) had runs at 0.365-0.471, every
 * method refused, and the refusals withheld 0.635, 19-24 points off, with no word about the level
 * (twenty-eighth session).
 */
final class BelowChance {
  private BelowChance() {}

  /**
   * @param t the table
   * @param finals the sampling runs' final rows
   * @param task the task
   * @return the warning, or null when some run ends at or above chance, or none has a score
   */
  static String warning(Table t, List<Integer> finals, PredictSpec.TaskSpec task) {
    double chance = task.chanceLevel();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int r : finals) {
      double s = CsvTables.numberOrNaN(t, task.score(), r);
      if (Double.isFinite(s)) {
        lo = Math.min(lo, s);
        hi = Math.max(hi, s);
      }
    }
    if (lo == Double.POSITIVE_INFINITY || !(hi < chance)) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "every sampling run ended below the chance level %.3f (%.3f-%.3f): the runs are not yet"
            + " above guessing, or the level is not the task's (the score of a constant answer)",
        chance,
        lo,
        hi);
  }
}
