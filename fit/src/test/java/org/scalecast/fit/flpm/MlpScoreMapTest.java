package org.scalecast.fit.flpm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MlpScoreMapTest {
  /**
   * The bootstrap's refit must be centred on the full fit: refitted on the very data it was fitted
   * on, a map predicts what it predicted, here at losses beyond the data (where a mixture's budget
   * sends it). A warm-started refit (Adam restarted from the fitted weights for a sixth of a fit)
   * moved this prediction, and the bootstrap's replicates sat below the full fit's objective.
   */
  @Test
  void aRefitOnTheSameDataPredictsWhatTheFitPredicted() {
    int n = 60;
    double[][] x = new double[n][2];
    double[] y = new double[n];
    java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      x[i][0] = 3.5 + 1.5 * rng.nextDouble();
      x[i][1] = 3.0 + 2.0 * rng.nextDouble();
      y[i] = 0.25 + 0.6 / (1 + Math.exp(3 * (x[i][1] - 3.6))) + 0.01 * rng.nextGaussian();
    }
    ScoreMap fit = new MlpScoreMap(8, 5, 0).fit(x, y);
    ScoreMap again = fit.refit(x, y);
    double[] beyond = {3.3, 2.8}; // lower losses than any checkpoint
    assertEquals(fit.predict(beyond), again.predict(beyond), 1e-9);
    assertEquals(fit.predict(x[7]), again.predict(x[7]), 1e-9);
  }
}
