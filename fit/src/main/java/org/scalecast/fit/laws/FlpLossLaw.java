package org.scalecast.fit.laws;

import java.util.List;
import org.scalecast.fit.Grid;
import org.scalecast.fit.Objective;
import org.scalecast.results.QuantityKind;

/**
 * FLP stage 1 (Chen et al. 2024): L = (C/C_N)^alpha, no irreducible term; alpha is negative in
 * practice. The paper fits it by ordinary least squares of ln L on ln C: use the {@code ls-log}
 * objective for that. C_N moves on its logarithm.
 */
public final class FlpLossLaw extends LogInputsLaw {
  private static final Scale[] SCALES = {Scale.LOG, Scale.LINEAR};

  /** Creates the law. */
  public FlpLossLaw() {
    super("flp-loss", "L = (C/C_N)^alpha", List.of("C"), "L", List.of("C_N", "alpha"), SCALES);
  }

  @Override
  public QuantityKind outputKind() {
    return QuantityKind.LOSS;
  }

  @Override
  public double evaluatePrepared(double[] lnX, double[] p, double[] grad) {
    double logRatio = lnX[0] - Math.log(p[0]);
    double f = Math.exp(p[1] * logRatio);
    if (grad != null) {
      grad[0] = -p[1] * f / p[0];
      grad[1] = f * logRatio;
    }
    return f;
  }

  @Override
  public List<double[]> startGrid() {
    return Grid.product(
        exp(Grid.range(10, 100, 10)), new double[] {-0.02, -0.05, -0.1, -0.2, -0.5});
  }

  /** FLP fits its loss law by OLS in log-log space. */
  @Override
  public Objective defaultObjective() {
    return Objective.parse("ls-log");
  }
}
