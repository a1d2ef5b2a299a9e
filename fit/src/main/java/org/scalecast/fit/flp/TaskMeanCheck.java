package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.results.QuantityKind;

/**
 * The mean error is 1 - the mean of the task scores, so the tasks' own chosen predictions give a
 * second estimate of it. Where that estimate lies outside the mean error's interval, the two ways
 * of predicting one quantity disagree by more than the interval, and the mean error is refused
 * ({@link RefusalReason#TASKS_DISAGREE}), as the disagreement rule refuses two methods that do.
 *
 * <p>Why: on a new user's Gemstones ladder (twenty-seventh session) every mean-error chain
 * over-predicted by 2.8-7.7 points and none of the 9 intervals held, while 1 - the mean of the
 * tasks' predictions was 0.1-3.1 points off and outside each interval. Over the 41 comparison
 * configurations it fell outside a printed mean error's interval once (Pythia 12B from runs up to
 * 1.4B, 0.2 points outside, the mean error 0.5 points off).
 */
final class TaskMeanCheck {
  private TaskMeanCheck() {}

  /**
   * Refuses the chosen mean-error row of one target's rows where the tasks disagree with it.
   *
   * @param out the rows as marked, refused tasks with their withheld numbers; changed in place
   * @param rows every method's rows, for the refused row's withheld number
   * @param tasks the score columns the mean error is over: every configured task
   */
  static void apply(List<PredictionRow> out, List<PredictionRow> rows, List<String> tasks) {
    for (int i = 0; i < out.size(); i++) {
      PredictionRow c = out.get(i);
      if (c.chosenInAdvance()
          && c.quantity().equals(Quantity.MEAN_ERROR)
          && c.predicted() != null
          && c.lower() != null
          && c.upper() != null) {
        Double m = fromTasks(out, tasks);
        if (m != null && (m < c.lower() || m > c.upper())) {
          out.set(i, Withheld.of(rows, MethodChoice.refused(c, verdict(c, m))));
        }
      }
    }
  }

  private static Refusal.Verdict verdict(PredictionRow c, double m) {
    return Refusal.Verdict.of(
        RefusalReason.TASKS_DISAGREE,
        "1 - the mean of the tasks' own predictions (a refused task's withheld number included),"
            + " %.4g, lies outside %s's interval [%.4g, %.4g]",
        m,
        c.method(),
        c.lower(),
        c.upper());
  }

  /**
   * @param out one target's rows
   * @param tasks the score columns the mean error is over
   * @return 1 - the mean of each task's chosen number (its prediction, or the number its refusal
   *     withheld), or null when a task has none: a task without rows (no method of {@code methods:}
   *     applies to it) left an estimate of the others alone, and refused a right mean error (a
   *     review)
   */
  static Double fromTasks(List<PredictionRow> out, List<String> tasks) {
    Map<String, Double> chosen = new LinkedHashMap<>();
    for (PredictionRow r : out) {
      if (r.chosenInAdvance() && r.kind() == QuantityKind.SCORE) {
        chosen.put(r.quantity(), r.numberOrWithheld());
      }
    }
    List<Double> v = new ArrayList<>();
    for (String t : new java.util.LinkedHashSet<>(tasks)) {
      v.add(chosen.get(t));
    }
    if (v.isEmpty() || v.contains(null)) {
      return null;
    }
    return 1 - v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
