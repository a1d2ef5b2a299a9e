package org.scalecast.fit.laws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.LawFitter;
import org.scalecast.fit.Observations;
import org.scalecast.fit.ScalingLaw;

/** The mixture laws recover known parameters from noise-free synthetic sweeps. */
class MixtureLawRecoveryTest {
  private static final double[] COMPUTE = {1e11, 3e11, 1e12, 3e12};
  private static final double[] SHARES = {0, 0.1, 0.25, 0.5, 0.75};

  /** Fits the law from its default grid with its default objective, as `scalecast fit` does. */
  private static FitResult recover(ScalingLaw law, double[] truth, boolean skipZeroShare) {
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (double c : COMPUTE) {
      for (double r : SHARES) {
        if (skipZeroShare && r == 0) {
          continue;
        }
        x.add(new double[] {c, r});
        y.add(law.value(new double[] {c, r}, truth));
      }
    }
    Observations obs =
        Observations.of(
            law.inputs(),
            law.output(),
            x.toArray(double[][]::new),
            y.stream().mapToDouble(Double::doubleValue).toArray());
    return LawFitter.create().withObjective(law.defaultObjective()).fit(law, obs);
  }

  private static void assertParams(double[] truth, FitResult f) {
    for (int j = 0; j < truth.length; j++) {
      assertEquals(
          truth[j],
          f.params()[j],
          1e-4 * Math.max(1, Math.abs(truth[j])),
          f.law().name() + " " + f.law().parameters().get(j));
    }
  }

  @Test
  void yeMixingLawIsRecoveredIncludingThePureMixture() {
    double[] truth = {1.5, 90, 0.15, -0.8}; // E, K, alpha, t: code loss falls with the code share
    FitResult f = recover(new YeMixingLaw(), truth, false);
    assertParams(truth, f);
    assertTrue(Double.isFinite(new YeMixingLaw().value(new double[] {1e13, 0}, f.params())));
  }

  @Test
  void biMixIsRecoveredOnTheRunsThatHaveTheDomain() {
    double[] truth = {317, 0.2, 1.8, 0.08}; // B, beta, D, alpha
    BiMixLaw law = new BiMixLaw();
    FitResult f = recover(law, truth, true);
    assertParams(truth, f);
    assertEquals(
        Double.POSITIVE_INFINITY, law.value(new double[] {1e12, 0}, f.params()), "s = 0 diverges");
  }
}
