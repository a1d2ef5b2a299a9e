package org.scalecast.fit.laws;

import java.util.List;
import java.util.Set;
import org.scalecast.fit.Grid;
import org.scalecast.results.QuantityKind;

/**
 * The data-mixing law of Ye et al. 2024 ("Data Mixing Laws", arXiv:2403.16952, Eq. 1), nested with
 * a compute power law.
 *
 * <p>At a fixed model and step count the paper finds a domain's loss L_i(r_1..M) = c_i + k_i
 * exp(sum_j t_ij r_j). With two domains, r_text = 1 - r and r_code = r, the exponent is t_i,text +
 * (t_i,code - t_i,text) r, so k_i exp(t_i,text) and t = t_i,code - t_i,text are all the data can
 * identify. The paper nests this with scaling laws in steps and model size by fitting them one
 * after the other (its Section 4); here the nesting is joint, one fit on every final run: the
 * mixture scales the reducible term of a compute power law, L = E + K exp(t r) C^-alpha, so at a
 * fixed C it is the paper's law (c = E, k = K C^-alpha) and at a fixed r it is {@code power}. What
 * this assumes: the exponent alpha and the irreducible E do not depend on r.
 *
 * <p>Finite at r = 0 and r = 1: pure mixtures need no smoothing.
 */
public final class YeMixingLaw extends AbstractLaw {
  private static final Scale[] SCALES = {Scale.LINEAR, Scale.LOG, Scale.LINEAR, Scale.LINEAR};

  /** Creates the law. */
  public YeMixingLaw() {
    super(
        "ye-mix",
        "L = E + K * exp(t*r) * C^-alpha",
        List.of("C", "r"),
        "L",
        List.of("E", "K", "alpha", "t"),
        Set.of("C"),
        SCALES);
  }

  @Override
  public QuantityKind outputKind() {
    return QuantityKind.LOSS;
  }

  @Override
  public double evaluate(double[] x, double[] p, double[] grad) {
    double lnC = Math.log(x[0]);
    double pow = Math.exp(p[3] * x[1] - p[2] * lnC);
    if (grad != null) {
      grad[0] = 1;
      grad[1] = pow;
      grad[2] = -p[1] * pow * lnC;
      grad[3] = p[1] * pow * x[1];
    }
    return p[0] + p[1] * pow;
  }

  /** As {@code power}'s grid for (E, K, alpha), times a spread of mixture slopes t. */
  @Override
  public List<double[]> startGrid() {
    return Grid.product(
        new double[] {0, 0.5, 1, 2},
        exp(Grid.range(0, 30, 5)),
        new double[] {0.05, 0.1, 0.2, 0.3, 0.5},
        new double[] {-2, -0.5, 0, 0.5, 2});
  }
}
