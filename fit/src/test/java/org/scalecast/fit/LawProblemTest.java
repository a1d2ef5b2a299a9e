package org.scalecast.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.laws.ChinchillaLaw;
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

  /** The five-parameter path (chinchilla by Huber on logs) gives the general path's bits too. */
  @Test
  void fiveParametersMatchTheGeneralPathBitForBit() {
    Random rnd = new Random(11);
    int n = 400;
    double[][] x = new double[n][2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = Math.exp(16 + 5 * rnd.nextDouble());
      x[i][1] = Math.exp(20 + 5 * rnd.nextDouble());
      y[i] = 1.7 + 400 / Math.pow(x[i][0], 0.34) + 410 / Math.pow(x[i][1], 0.28);
      y[i] *= 1 + 0.01 * rnd.nextGaussian();
    }
    ChinchillaLaw law = new ChinchillaLaw();
    ParameterSpace space = new ParameterSpace(law);
    Observations obs = Observations.of(List.of("N", "D"), "L", x, y);
    for (Objective objective :
        List.of(Objective.parse("huber-log:0.001"), Objective.leastSquares())) {
      LawProblem problem = new LawProblem(law, objective, space, obs);
      for (double[] start : law.startGrid()) {
        double[] q = space.toOptimizer(start);
        double[] jtjFast = new double[25];
        double[] jtrFast = new double[5];
        double[] jtj = new double[25];
        double[] jtr = new double[5];
        assertEquals(problem.anyObjective(q, jtj, jtr), problem.evaluate(q, jtjFast, jtrFast), 0.0);
        assertArrayEquals(jtj, jtjFast, 0.0);
        assertArrayEquals(jtr, jtrFast, 0.0);
        // The logs of N and D, taken once per point, give what the law computed from N and D.
        double[] p = space.toNatural(q);
        double[] lnX = law.prepare(x[7]);
        assertEquals(
            p[0]
                + p[1] * Math.exp(-p[3] * Math.log(x[7][0]))
                + p[2] * Math.exp(-p[4] * Math.log(x[7][1])),
            law.evaluatePrepared(lnX, p, null),
            0.0);
      }
    }
  }
}
