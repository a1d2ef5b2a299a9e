package org.scalecast.fit.laws;

import java.util.List;
import java.util.Set;
import org.scalecast.fit.Grid;
import org.scalecast.fit.Objective;
import org.scalecast.results.QuantityKind;

/**
 * FLP-M's per-domain loss (Chen et al. 2024, Eq. 5 as reconstructed in METHODS.md section 2): a
 * product of power laws in the total compute C, the compute on general text C_G = (1 - r) C and the
 * compute on code C_C = r C, where r is the code share.
 *
 * <p>The paper's form (C/C_N)^a (C_G/C_GN)^b (C_C/C_CN)^c has one constant too many to identify:
 * its logarithm is (a + b + c) ln C + b ln(1 - r) + c ln r + const. It is therefore fitted as the
 * same function in identifiable parameters, L = (C/C_N)^alpha (1 - s)^beta s^gamma, with alpha = a
 * + b + c the total compute exponent. Linear in logs: fit it with {@code ls-log}.
 *
 * <p>r = 0 and r = 1 make a log undefined (a pure-text run spent no compute on code, yet has a
 * finite code loss). The share is smoothed, s = (r + eps)/(1 + 2 eps) with eps = {@value #EPS}, so
 * the pure mixtures sit at finite, fitted distances from the mixed ones (METHODS.md: "handle the
 * pure mixtures explicitly, e.g. a smoothed share").
 */
public final class FlpMixtureLaw extends AbstractLaw {
  /** Share smoothing, so that r = 0 and r = 1 stay finite. */
  public static final double EPS = 0.01;

  private static final Scale[] SCALES = {Scale.LOG, Scale.LINEAR, Scale.LINEAR, Scale.LINEAR};

  /** Creates the law. */
  public FlpMixtureLaw() {
    super(
        "flp-m",
        "L = (C/C_N)^alpha * (1 - s)^beta * s^gamma, s = (r + 0.01)/1.02",
        List.of("C", "r"),
        "L",
        List.of("C_N", "alpha", "beta", "gamma"),
        Set.of("C"),
        SCALES);
  }

  /**
   * @param r a share in [0, 1]
   * @return the smoothed share s
   */
  public static double smooth(double r) {
    return (r + EPS) / (1 + 2 * EPS);
  }

  @Override
  public QuantityKind outputKind() {
    return QuantityKind.LOSS;
  }

  @Override
  public double evaluate(double[] x, double[] p, double[] grad) {
    double s = smooth(x[1]);
    double logRatio = Math.log(x[0]) - Math.log(p[0]);
    double logG = Math.log1p(-s);
    double logC = Math.log(s);
    double f = Math.exp(p[1] * logRatio + p[2] * logG + p[3] * logC);
    if (grad != null) {
      grad[0] = -p[1] * f / p[0];
      grad[1] = f * logRatio;
      grad[2] = f * logG;
      grad[3] = f * logC;
    }
    return f;
  }

  @Override
  public List<double[]> startGrid() {
    return Grid.product(
        exp(Grid.range(10, 100, 10)),
        new double[] {-0.02, -0.05, -0.1, -0.3},
        new double[] {-0.1, 0, 0.1},
        new double[] {-0.1, 0, 0.1});
  }

  /** Linear in logs: least squares on log residuals. */
  @Override
  public Objective defaultObjective() {
    return Objective.parse("ls-log");
  }
}
