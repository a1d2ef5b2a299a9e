package org.scalecast.fit.laws;

import java.util.List;
import org.scalecast.fit.Grid;
import org.scalecast.results.QuantityKind;

/**
 * Direct FLOPs to performance baseline (Krajewski et al. 2025): chance-normalised accuracy P = (acc
 * - chance)/(1 - chance) = exp(-A*C^-alpha). A moves on its logarithm.
 */
public final class FlopsAccuracyLaw extends LogInputsLaw {
  private static final Scale[] SCALES = {Scale.LOG, Scale.LINEAR};

  /** Creates the law. */
  public FlopsAccuracyLaw() {
    super(
        "flops-accuracy", "P = exp(-A*C^-alpha)", List.of("C"), "P", List.of("A", "alpha"), SCALES);
  }

  @Override
  public QuantityKind outputKind() {
    return QuantityKind.SCORE;
  }

  @Override
  public double evaluatePrepared(double[] lnX, double[] p, double[] grad) {
    double lnC = lnX[0];
    double pow = Math.exp(-p[1] * lnC);
    double f = Math.exp(-p[0] * pow);
    if (grad != null) {
      grad[0] = -f * pow;
      grad[1] = f * p[0] * pow * lnC;
    }
    return f;
  }

  @Override
  public List<double[]> startGrid() {
    return Grid.product(exp(Grid.range(0, 40, 5)), new double[] {0.05, 0.1, 0.2, 0.3, 0.5});
  }
}
