package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.Observations;
import org.scalecast.fit.laws.LinearLaw;
import org.scalecast.results.InputException;

/** FLP on synthetic sampling runs made from known laws: the prediction recovers them. */
class FlpTest {
  private static final double C_N = 1e30;
  private static final double ALPHA = -0.05;

  private static double loss(double c) {
    return Math.pow(c / C_N, ALPHA);
  }

  private static double score(double l) {
    return 2.0 - 0.35 * l; // above chance + 5 points (0.30) for L < 4.86, from about 2e16 FLOPs
  }

  /** Six runs from 1e15 to 3e17 FLOPs, ten checkpoints each; noise on loss (relative) and score. */
  private static Observations[] runs(double lossNoise, double scoreNoise, long seed) {
    Random rng = new Random(seed);
    List<double[]> fx = new ArrayList<>();
    List<Double> fy = new ArrayList<>();
    List<String> fid = new ArrayList<>();
    List<double[]> cx = new ArrayList<>();
    List<Double> cy = new ArrayList<>();
    List<String> cid = new ArrayList<>();
    for (int r = 0; r < 6; r++) {
      double c = 1e15 * Math.pow(300, r / 5.0);
      fx.add(new double[] {c});
      fy.add(loss(c) * Math.exp(lossNoise * rng.nextGaussian()));
      fid.add("run" + r);
      for (int k = 1; k <= 10; k++) {
        double l = loss(c * k / 10);
        cx.add(new double[] {l});
        cy.add(score(l) + scoreNoise * rng.nextGaussian());
        cid.add("run" + r);
      }
    }
    return new Observations[] {
      new Observations(
          List.of("C"),
          "L",
          fx.toArray(double[][]::new),
          fy.stream().mapToDouble(Double::doubleValue).toArray(),
          fid),
      new Observations(
          List.of("x"),
          "y",
          cx.toArray(double[][]::new),
          cy.stream().mapToDouble(Double::doubleValue).toArray(),
          cid)
    };
  }

  @Test
  void recoversBothLawsAndTheTargetExactlyWithoutNoise() {
    Observations[] o = runs(0, 0, 1);
    Flp.Result r = Flp.predict(o[0], o[1], new LinearLaw(), 0.25, 0.05, 1e19, 0.95);
    assertEquals(ALPHA, r.stage1().param("alpha"), 1e-9);
    assertEquals(-0.35, r.stage2().param("w1"), 1e-9);
    assertEquals(loss(1e19), r.loss().value(), 1e-9);
    assertEquals(score(loss(1e19)), r.score().value(), 1e-9);
    assertTrue(
        r.emergedPoints() < 60,
        "checkpoints below chance + 5 points are left out: " + r.emergedPoints());
  }

  @Test
  void noisyRunsGiveIntervalsAroundTheTruth() {
    Observations[] o = runs(0.003, 0.01, 2);
    Flp.Result r = Flp.predict(o[0], o[1], new LinearLaw(), 0.25, 0.05, 1e19, 0.95);
    double truth = score(loss(1e19));
    assertTrue(
        r.score().lower() < truth && truth < r.score().upper(),
        "truth " + truth + " in [" + r.score().lower() + ", " + r.score().upper() + "]");
    assertTrue(r.score().upper() - r.score().lower() < 0.2, "an informative interval");
  }

  @Test
  void aTaskThatNeverEmergedIsRefusedNotExtrapolated() {
    Observations[] o = runs(0, 0, 1);
    InputException e =
        assertThrows(
            InputException.class,
            () -> Flp.predict(o[0], o[1], new LinearLaw(), 0.9, 0.05, 1e19, 0.95));
    assertTrue(e.getMessage().contains("too few emerged points"), e.getMessage());
  }
}
