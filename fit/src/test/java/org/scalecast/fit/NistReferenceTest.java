package org.scalecast.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.laws.AbstractLaw;

/**
 * NIST StRD nonlinear regression problems (public domain): certified parameters, standard errors
 * and residual sum of squares. The standard errors catch a covariance not scaled by the residual
 * variance (Commons Math's EvaluationTest.testComputeSigma makes the same check on Kirby2).
 */
class NistReferenceTest {

  /** Misra1a (lower difficulty): y = b1*(1 - exp(-b2*x)). */
  static final class Misra1a extends AbstractLaw {
    Misra1a() {
      super("misra1a", "y = b1*(1 - exp(-b2*x))", List.of("x"), "y", List.of("b1", "b2"));
    }

    @Override
    public double evaluate(double[] x, double[] p, double[] grad) {
      double e = Math.exp(-p[1] * x[0]);
      if (grad != null) {
        grad[0] = 1 - e;
        grad[1] = p[0] * x[0] * e;
      }
      return p[0] * (1 - e);
    }

    @Override
    public List<double[]> startGrid() {
      return List.of(new double[] {500, 1e-4});
    }
  }

  /** MGH09 (higher difficulty): y = b1*(x^2 + x*b2) / (x^2 + x*b3 + b4). */
  static final class Mgh09 extends AbstractLaw {
    Mgh09() {
      super(
          "mgh09",
          "y = b1*(x^2 + x*b2) / (x^2 + x*b3 + b4)",
          List.of("x"),
          "y",
          List.of("b1", "b2", "b3", "b4"));
    }

    @Override
    public double evaluate(double[] x, double[] p, double[] grad) {
      double t = x[0];
      double num = t * t + t * p[1];
      double den = t * t + t * p[2] + p[3];
      if (grad != null) {
        grad[0] = num / den;
        grad[1] = p[0] * t / den;
        grad[2] = -p[0] * num * t / (den * den);
        grad[3] = -p[0] * num / (den * den);
      }
      return p[0] * num / den;
    }

    @Override
    public List<double[]> startGrid() {
      return List.of(new double[] {0.25, 0.39, 0.415, 0.39});
    }
  }

  private static Observations points(double[] x, double[] y) {
    return Observations.of(
        List.of("x"),
        "y",
        Arrays.stream(x).mapToObj(v -> new double[] {v}).toArray(double[][]::new),
        y);
  }

  private static void assertCertified(FitResult fit, double[] b, double[] sd, double rss) {
    for (int j = 0; j < b.length; j++) {
      assertEquals(b[j], fit.params()[j], 1e-6 * Math.abs(b[j]), "b" + (j + 1));
      assertEquals(sd[j], fit.stdErrors()[j], 1e-4 * sd[j], "sd(b" + (j + 1) + ")");
    }
    assertEquals(rss, fit.objectiveValue(), 1e-8 * rss, "residual sum of squares");
  }

  @Test
  void misra1aMatchesCertifiedValues() {
    double[] x = {
      77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1,
      760.0
    };
    double[] y = {
      10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.40, 75.47,
      81.78
    };
    FitResult fit = LawFitter.create().fit(new Misra1a(), points(x, y));
    assertCertified(
        fit,
        new double[] {2.3894212918E+02, 5.5015643181E-04},
        new double[] {2.7070075241E+00, 7.2668688436E-06},
        1.2455138894E-01);
  }

  @Test
  void mgh09MatchesCertifiedValues() {
    double[] x = {4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625};
    double[] y = {
      0.1957, 0.1947, 0.1735, 0.16, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246
    };
    FitResult fit = LawFitter.create().fit(new Mgh09(), points(x, y));
    assertCertified(
        fit,
        new double[] {1.9280693458E-01, 1.9128232873E-01, 1.2305650693E-01, 1.3606233068E-01},
        new double[] {1.1435312227E-02, 1.9633220911E-01, 8.0842031232E-02, 9.0025542308E-02},
        3.0750560385E-04);
  }
}
