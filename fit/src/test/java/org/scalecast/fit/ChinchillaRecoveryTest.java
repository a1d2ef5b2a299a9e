package org.scalecast.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.laws.ChinchillaLaw;
import org.scalecast.fit.laws.SyntheticChinchilla;

/** Recovers Chinchilla's published coefficients from synthetic data, starting far away. */
class ChinchillaRecoveryTest {
  private static final ChinchillaLaw LAW = new ChinchillaLaw();

  private static void assertRecovered(FitResult fit, double tol) {
    double[] truth = SyntheticChinchilla.PUBLISHED;
    for (int j = 0; j < truth.length; j++) {
      assertEquals(truth[j], fit.params()[j], tol * truth[j], LAW.parameters().get(j));
    }
  }

  @Test
  void leastSquaresFromACoarseFarGridRecoversExactData() {
    Observations obs = SyntheticChinchilla.generate(12, 8, 0, 1);
    // 32 starts, each coordinate a factor of 3 to 250 away from the truth. A single far start can
    // stall in the E -> 0 valley (B/D^beta standing in for E), which is why grids are used.
    List<double[]> far =
        Grid.product(
            new double[] {0.5, 5},
            new double[] {10, 1e5},
            new double[] {10, 1e5},
            new double[] {0.1, 0.8},
            new double[] {0.1, 0.8});
    FitResult fit = LawFitter.create().withStarts(far).fit(LAW, obs);
    assertRecovered(fit, 1e-6);
    assertTrue(fit.converged());
  }

  @Test
  void leastSquaresFromTheDefaultGridRecoversExactData() {
    // No start of the 4,500 lies within a factor e^2.5 of A or B, or within 0.15 of the exponents.
    Observations obs = SyntheticChinchilla.generate(12, 8, 0, 2);
    assertRecovered(LawFitter.create().fit(LAW, obs), 1e-6);
  }

  @Test
  void huberLogFromTheDefaultGridRecoversNoisyData() {
    Observations obs = SyntheticChinchilla.generate(25, 10, 2e-4, 7);
    FitResult fit =
        LawFitter.create().withObjective(Objective.parse("huber-log:1e-3")).fit(LAW, obs);
    assertEquals(4500, fit.starts());
    assertRecovered(fit, 0.05);
  }

  @Test
  void standardErrorsCoverTheTruthOnNoisyData() {
    Observations obs = SyntheticChinchilla.generate(25, 10, 0.003, 11);
    FitResult fit = LawFitter.create().withObjective(Objective.parse("ls-log")).fit(LAW, obs);
    for (int j = 0; j < 5; j++) {
      double z = (fit.params()[j] - SyntheticChinchilla.PUBLISHED[j]) / fit.stdErrors()[j];
      assertTrue(Math.abs(z) < 4, LAW.parameters().get(j) + " is " + z + " standard errors off");
    }
  }
}
