package org.scalecast.fit.laws;

import java.util.List;
import org.scalecast.results.QuantityKind;

/**
 * Gadre et al. (2024) Eq. 5, downstream error from loss: Err = epsilon - k*exp(-gamma*L).
 *
 * <p>The default start is the paper's single point (1, 1, 1), scipy's {@code curve_fit} default in
 * mlfoundations/scaling {@code curve_fit_decay_ours}.
 */
public final class GadreErrorLaw extends AbstractLaw {

  /** Creates the law. */
  public GadreErrorLaw() {
    super(
        "gadre-error",
        "Err = epsilon - k*exp(-gamma*L)",
        List.of("L"),
        "Err",
        List.of("epsilon", "k", "gamma"));
  }

  @Override
  public QuantityKind outputKind() {
    return QuantityKind.SCORE;
  }

  @Override
  public double evaluate(double[] x, double[] p, double[] grad) {
    double decay = Math.exp(-p[2] * x[0]);
    if (grad != null) {
      grad[0] = 1;
      grad[1] = -decay;
      grad[2] = p[1] * x[0] * decay;
    }
    return p[0] - p[1] * decay;
  }

  @Override
  public List<double[]> startGrid() {
    return List.of(new double[] {1, 1, 1});
  }
}
