package org.scalecast.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.laws.LinearLaw;
import org.scalecast.fit.laws.PowerLaw;
import org.scalecast.fit.laws.SigmoidLaw;
import org.scalecast.fit.laws.SyntheticChinchilla;
import org.scalecast.results.InputException;

class LawFitterTest {

  private static Observations line(double[] x, double[] y) {
    return Observations.of(
        List.of("x"),
        "y",
        java.util.Arrays.stream(x).mapToObj(v -> new double[] {v}).toArray(double[][]::new),
        y);
  }

  @Test
  void linearFitMatchesClosedFormWithStandardErrors() {
    double[] x = {1, 2, 3, 4, 5, 6};
    double[] y = {2.1, 3.9, 6.2, 7.8, 10.1, 12.2};
    FitResult fit = LawFitter.create().fit(new LinearLaw(), line(x, y));
    // Ordinary least squares by hand: slope = Sxy/Sxx, se(slope) = s/sqrt(Sxx).
    double mx = 3.5;
    double my = java.util.Arrays.stream(y).average().orElseThrow();
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < x.length; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
    }
    double slope = sxy / sxx;
    double intercept = my - slope * mx;
    double rss = 0;
    for (int i = 0; i < x.length; i++) {
      double r = y[i] - intercept - slope * x[i];
      rss += r * r;
    }
    double s2 = rss / (x.length - 2);
    assertEquals(slope, fit.param("w1"), 1e-10);
    assertEquals(intercept, fit.param("w0"), 1e-10);
    assertEquals(Math.sqrt(s2 / sxx), fit.stdErrors()[1], 1e-10);
    assertEquals(Math.sqrt(s2 * (1.0 / x.length + mx * mx / sxx)), fit.stdErrors()[0], 1e-10);
    assertEquals(4, fit.dof());
  }

  @Test
  void deltaMethodIntervalOfALineIsTheTextbookConfidenceBand() {
    double[] x = {1, 2, 3, 4, 5, 6};
    double[] y = {2.1, 3.9, 6.2, 7.8, 10.1, 12.2};
    FitResult fit = LawFitter.create().fit(new LinearLaw(), line(x, y));
    Prediction p = fit.predict(new double[] {10}, 0.95);
    double se = Math.sqrt(fit.quadraticForm(new double[] {1, 10}));
    double t = 2.7764451051977987; // t(0.975, 4)
    assertEquals(se, p.stdError(), 1e-12);
    assertEquals(p.value() - t * se, p.lower(), 1e-9);
    assertEquals(p.value() + t * se, p.upper(), 1e-9);
  }

  @Test
  void rejectsFewerPointsThanParameters() {
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                LawFitter.create()
                    .fit(
                        new PowerLaw(),
                        Observations.of(
                            List.of("C"),
                            "L",
                            new double[][] {{1e18}, {1e19}},
                            new double[] {3, 2.9})));
    assertTrue(e.getMessage().contains("3 parameters but only 2 points"), e.getMessage());
  }

  @Test
  void logObjectivesRejectNonPositiveOutputs() {
    Observations obs =
        Observations.of(
            List.of("C"),
            "L",
            new double[][] {{1e18}, {1e19}, {1e20}, {1e21}},
            new double[] {3, 2.9, 0, 2.5});
    assertTrue(logFitError(obs).startsWith("point 3: L = 0.0 must be > 0"), logFitError(obs));
    // With run ids the point names its run: "point 3" alone left a user to find a negative loss
    // in the ladder's files (a bad-input hunt, twentieth session).
    Observations named =
        new Observations(obs.inputs(), "L", obs.x(), obs.y(), List.of("a", "b", "c", "d"));
    assertTrue(logFitError(named).startsWith("point 3 (run c): L = 0.0"), logFitError(named));
  }

  private static String logFitError(Observations obs) {
    return assertThrows(
            InputException.class,
            () ->
                LawFitter.create()
                    .withObjective(Objective.parse("ls-log"))
                    .fit(new PowerLaw(), obs))
        .getMessage();
  }

  @Test
  void sigmoidStaysInsideItsBounds() {
    double[] x = {1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5};
    double[] y = new double[x.length];
    double[] truth = {-0.6, 3.0, 3.0, 0.85};
    for (int i = 0; i < x.length; i++) {
      y[i] = new SigmoidLaw().value(new double[] {x[i]}, truth) + 0.002 * Math.sin(7 * i);
    }
    FitResult fit = LawFitter.create().fit(new SigmoidLaw(), line(x, y));
    double[] lo = new SigmoidLaw().lowerBounds();
    double[] hi = new SigmoidLaw().upperBounds();
    for (int j = 0; j < 4; j++) {
      assertTrue(fit.params()[j] >= lo[j] && fit.params()[j] <= hi[j]);
    }
    assertEquals(truth[1], fit.param("x0"), 0.05);
    assertEquals(truth[3], fit.param("b"), 0.02);
  }

  @Test
  void resultDoesNotDependOnThreadTiming() {
    Observations obs = SyntheticChinchilla.generate(10, 6, 0.01, 3);
    LawFitter f = LawFitter.create().withObjective(Objective.parse("huber-log:1e-3"));
    FitResult a = f.fit(new org.scalecast.fit.laws.ChinchillaLaw(), obs);
    FitResult b = f.fit(new org.scalecast.fit.laws.ChinchillaLaw(), obs);
    assertEquals(a.bestStart(), b.bestStart());
    org.junit.jupiter.api.Assertions.assertArrayEquals(a.params(), b.params());
  }

  /** Sigmoid stage-2-like points: thousands of noisy (loss, accuracy) pairs. */
  private static Observations noisySigmoid(double[] truth, int n, long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 0.4 + 1.2 * rnd.nextDouble();
      y[i] = new SigmoidLaw().value(new double[] {x[i]}, truth) + 0.02 * rnd.nextGaussian();
    }
    return line(x, y);
  }

  @Test
  void screenedSigmoidGridReachesTheFullGridsOptimum() {
    // b = 0.97 inside the box, and b = 1 where the noise puts the optimum on the bound b <= 1.
    for (double[] truth :
        List.of(new double[] {-0.7, 1.1, 6, 0.97}, new double[] {-0.6, 0.9, 4, 1})) {
      Observations obs = noisySigmoid(truth, 3000, 42);
      FitResult screened = LawFitter.create().fit(new SigmoidLaw(), obs);
      FitResult full =
          LawFitter.create().withStarts(new SigmoidLaw().startGrid()).fit(new SigmoidLaw(), obs);
      assertEquals(LawFitter.SCREENED_STARTS, screened.starts());
      assertEquals(162, full.starts());
      assertTrue(screened.converged() && full.converged());
      assertEquals(full.objectiveValue(), screened.objectiveValue(), 1e-12 * full.objectiveValue());
      for (int j = 0; j < 4; j++) {
        assertEquals(full.params()[j], screened.params()[j], 1e-6, "parameter " + j);
      }
    }
  }

  @Test
  void boundParameterIsHeldNotCrawledAlong() {
    // Accuracy near 1 at low loss: least squares wants b > 1, so b sits on its bound. Projecting
    // each step back onto the box left every start crawling to the iteration limit.
    Observations obs = noisySigmoid(new double[] {-0.6, 0.9, 4, 1.02}, 2000, 7);
    FitResult fit =
        LawFitter.create()
            .withStarts(List.of(new double[] {-0.75, 0.5, 0.5, 0.5}))
            .fit(new SigmoidLaw(), obs);
    assertEquals(1.0, fit.params()[3]);
    assertTrue(fit.converged());
    assertTrue(fit.iterations() < 100, "iterations " + fit.iterations());
  }
}
