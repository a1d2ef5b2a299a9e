package org.scalecast.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.laws.SigmoidLaw;

class LawProblemTest {
  /** The four-parameter least-squares path gives the general path's bits, not just its values. */
  @Test
  void fourParameterLeastSquaresMatchesTheGeneralPathBitForBit() {
    Random rnd = new Random(7);
    int n = 500;
    double[][] x = new double[n][1];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = 2 + 2 * rnd.nextDouble();
      y[i] = -0.6 / (1 + Math.exp(-3 * (x[i][0] - 3.2))) + 0.85 + 0.02 * rnd.nextGaussian();
    }
    SigmoidLaw law = new SigmoidLaw();
    ParameterSpace space = new ParameterSpace(law);
    Observations obs = Observations.of(List.of("x"), "y", x, y);
    LawProblem fast = new LawProblem(law, Objective.leastSquares(), space, obs);
    LawProblem general = new LawProblem(law, Objective.leastSquares(), space, obs);
    for (double[] start : law.startGrid()) {
      double[] q = space.toOptimizer(start);
      double[] jtjFast = new double[16];
      double[] jtrFast = new double[4];
      double[] jtj = new double[16];
      double[] jtr = new double[4];
      double cost = general.anyObjective(q, jtj, jtr);
      assertEquals(cost, fast.evaluate(q, jtjFast, jtrFast), 0.0);
      assertArrayEquals(jtj, jtjFast, 0.0);
      assertArrayEquals(jtr, jtrFast, 0.0);
    }
  }
}
