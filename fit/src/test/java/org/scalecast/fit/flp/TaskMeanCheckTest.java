package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.results.QuantityKind;

/**
 * The mean error is refused where 1 - the mean of the tasks' own predictions lies outside its
 * interval (Gemstones, twenty-seventh session: every chain 2.8-7.7 points over, no interval held).
 */
class TaskMeanCheckTest {
  private static PredictionRow chosen(String q, double v, double lo, double hi) {
    return PredictionRow.of(q, QuantityKind.SCORE, "m", v, lo, hi, Double.NaN, null)
        .asChosenInAdvance();
  }

  private static List<PredictionRow> rows(double meanError) {
    return new ArrayList<>(
        List.of(
            chosen("a", 0.50, 0.45, 0.55),
            chosen("b", 0.40, 0.35, 0.45),
            chosen(Quantity.MEAN_ERROR, meanError, meanError - 0.02, meanError + 0.02)));
  }

  @Test
  void aMeanErrorTheTasksPutOutsideItsIntervalIsRefused() {
    // The tasks say 1 - 0.45 = 0.55.
    List<PredictionRow> agree = rows(0.56);
    TaskMeanCheck.apply(agree, List.copyOf(agree), List.of("a", "b"));
    assertEquals(0.56, agree.get(2).predicted());
    List<PredictionRow> out = rows(0.60);
    TaskMeanCheck.apply(out, List.copyOf(out), List.of("a", "b"));
    PredictionRow r = out.get(2);
    assertNull(r.predicted());
    assertEquals(RefusalReason.TASKS_DISAGREE, r.refusal());
    assertTrue(
        r.warning().contains("0.5500, lies outside m's interval [0.5800, 0.6200]"), r.warning());
    assertEquals(0.60, r.withheld(), 1e-12); // the only method's number, withheld
  }

  @Test
  void aRefusedTaskCountsByItsWithheldNumberAndATaskWithoutOneStopsTheCheck() {
    PredictionRow refused =
        PredictionRow.refusal("b", QuantityKind.SCORE, "m", Double.NaN, "not predictable")
            .asChosenInAdvance();
    List<PredictionRow> none = List.of(chosen("a", 0.50, 0.45, 0.55), refused);
    assertNull(TaskMeanCheck.fromTasks(none, List.of("a", "b")));
    List<PredictionRow> withheld =
        List.of(
            chosen("a", 0.50, 0.45, 0.55), Withheld.of(List.of(chosen("b", 0.3, 0, 1)), refused));
    assertEquals(0.6, TaskMeanCheck.fromTasks(withheld, List.of("a", "b")), 1e-12);
    // A configured task without rows (no method of methods: applies to it) stops the check: the
    // estimate of the other tasks alone refused a right mean error (a review).
    List<PredictionRow> one = rows(0.60).subList(0, 1);
    assertNull(TaskMeanCheck.fromTasks(one, List.of("a", "b")));
    List<PredictionRow> missing = rows(0.70);
    missing.remove(1);
    TaskMeanCheck.apply(missing, List.copyOf(missing), List.of("a", "b"));
    assertEquals(0.70, missing.get(1).predicted());
  }
}
