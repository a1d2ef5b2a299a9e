package org.scalecast.fit.laws;

import java.util.List;

/** FLP stage 2 (Chen et al. 2024), loss to performance: y = w0 + w1*x. */
public final class LinearLaw extends AbstractLaw {

  /** Creates the law. */
  public LinearLaw() {
    super("linear", "y = w0 + w1*x", List.of("x"), "y", List.of("w0", "w1"));
  }

  @Override
  public double evaluate(double[] x, double[] p, double[] grad) {
    if (grad != null) {
      grad[0] = 1;
      grad[1] = x[0];
    }
    return p[0] + p[1] * x[0];
  }

  @Override
  public List<double[]> startGrid() {
    return List.of(new double[] {0, 0});
  }
}
