package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConformalTest {
  /**
   * The warning said a 90% bound needs 10 scores, where 9 make one: ceil(0.9 / 0.1) is 10 in
   * doubles (a new user on the RWKV-4 ladder, eighteenth session).
   */
  @Test
  void theWarningSaysHowManyScoresABoundNeeds() {
    assertEquals(9, Conformal.fewest(0.9));
    assertEquals(19, Conformal.fewest(0.95));
    for (double level : new double[] {0.8, 0.9, 0.95, 0.99}) {
      int n = Conformal.fewest(level);
      assertTrue(Conformal.enough(n, level) && !Conformal.enough(n - 1, level), "" + level);
    }
    assertEquals(
        "3 backtest errors pooled over the quantity's methods (a 90% conformal bound needs 9): "
            + Backtest.STUDENT_T
            + " them, no distribution-free guarantee",
        Widening.tooFewScores(3, 0.9, false));
    assertFalse(Widening.tooFewScores(1, 0.95, false).contains("needs 20"));
    // Where the fit's own interval is part of it, the warning says so (a new user's Falcon-H1
    // ladder: 41 points wide beside a 0.1-point backtest error).
    assertTrue(
        Widening.tooFewScores(1, 0.9, true)
            .endsWith(
                "bound on it joined with the fit's own interval, no distribution-free guarantee"));
    // A level a hair below 1 ended no count from 1 (a review); now it answers at once.
    assertTrue(Conformal.fewest(0.9999999999) > 1_000_000_000);
  }

  /**
   * One lucky small error and a ladder whose tasks' errors are larger: the scale is the mean of
   * their squares with the ladder's typical score as one more case, Student-t with 2 degrees of
   * freedom; one task's large miss does not set it (the median).
   */
  @Test
  void aShrunkBoundTakesTheLaddersTypicalErrorAsOneMoreCase() {
    double[] own = {0.0002};
    double[] ladder = {0.0002, 0.02, -0.01, 0.03, 0.5};
    double typical = 0.02 / Conformal.MEDIAN_ABS_NORMAL;
    double t2 = 2.919985580355516; // t with 2 degrees of freedom at 0.95
    double expected = t2 * Math.sqrt((0.0002 * 0.0002 + typical * typical) / 2);
    assertEquals(expected, Conformal.shrunkBound(own, ladder, 0.9), 1e-9);
    assertTrue(Conformal.shrunkBound(own, ladder, 0.9) > Conformal.smallSampleBound(own, 0.9));
    // Never below the largest own score.
    // A score without a leverage (NaN) is no typical error (a review: the bound was NaN).
    assertEquals(
        Conformal.shrunkBound(own, ladder, 0.9),
        Conformal.shrunkBound(own, new double[] {0.0002, 0.02, Double.NaN, -0.01, 0.03, 0.5}, 0.9),
        1e-12);
    assertEquals(
        Conformal.smallSampleBound(own, 0.9),
        Conformal.shrunkBound(own, new double[] {Double.NaN}, 0.9),
        1e-12);
    double[] one = {0.9, 0, 0, 0, 0, 0, 0, 0};
    assertEquals(0.9, Conformal.shrunkBound(one, new double[] {0.001}, 0.9), 1e-12);
  }
}
