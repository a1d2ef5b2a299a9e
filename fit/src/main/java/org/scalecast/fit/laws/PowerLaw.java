package org.scalecast.fit.laws;

import java.util.List;
import org.scalecast.fit.Grid;
import org.scalecast.results.QuantityKind;

/** Compute power law with an irreducible term: L = E + A*C^-alpha. A moves on its logarithm. */
public final class PowerLaw extends LogInputsLaw {
  private static final Scale[] SCALES = {Scale.LINEAR, Scale.LOG, Scale.LINEAR};

  /** Creates the law. */
  public PowerLaw() {
    super("power", "L = E + A*C^-alpha", List.of("C"), "L", List.of("E", "A", "alpha"), SCALES);
  }

  @Override
  public QuantityKind outputKind() {
    return QuantityKind.LOSS;
  }

  @Override
  public double evaluatePrepared(double[] lnX, double[] p, double[] grad) {
    double lnC = lnX[0];
    double pow = Math.exp(-p[2] * lnC);
    if (grad != null) {
      grad[0] = 1;
      grad[1] = pow;
      grad[2] = -p[1] * pow * lnC;
    }
    return p[0] + p[1] * pow;
  }

  @Override
  public List<double[]> startGrid() {
    return Grid.product(
        new double[] {0, 0.5, 1, 2},
        exp(Grid.range(0, 30, 5)),
        new double[] {0.02, 0.05, 0.1, 0.2, 0.3, 0.5});
  }
}
