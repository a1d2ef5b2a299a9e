package org.scalecast.fit.laws;

import java.util.List;
import java.util.Set;
import org.scalecast.fit.Grid;
import org.scalecast.results.QuantityKind;

/**
 * BiMix (Ge et al. 2024, "BiMix: Bivariate Data Mixing Law for Language Model Pretraining",
 * arXiv:2405.14908): a domain's loss as a product of a power law in that domain's own share s and a
 * power law with an irreducible term in the training volume, L_i(s_i, n) = A_i / s_i^alpha_i * (B_i
 * / n^beta_i + C_i), n the training steps in the paper.
 *
 * <p>Two changes, both said here because they matter. The volume is the compute C (our sweeps vary
 * model size at a fixed tokens-per-parameter ratio, so C, not steps, is what grows between runs).
 * The paper's five coefficients carry one too many: A multiplies both B and C, so only A*B and A*C
 * are identifiable; the law is fitted as L = s^-alpha (B C^-beta + D) with B = A*B, D = A*C.
 *
 * <p>s is the domain's <em>own</em> share (for the code loss the code share, for the text loss the
 * text share). The law diverges at s = 0: a run with none of the domain's data has a finite loss on
 * it, which this form cannot express. {@code s} is therefore a positive input: such runs cannot be
 * fitted (FLP-M leaves them out of that domain's fit and says so) and are predicted as +infinity.
 */
public final class BiMixLaw extends AbstractLaw {
  private static final Scale[] SCALES = {Scale.LOG, Scale.LINEAR, Scale.LINEAR, Scale.LINEAR};

  /** Creates the law. */
  public BiMixLaw() {
    super(
        "bimix",
        "L = s^-alpha * (B * C^-beta + D), s the domain's own share",
        List.of("C", "s"),
        "L",
        List.of("B", "beta", "D", "alpha"),
        Set.of("C", "s"),
        SCALES);
  }

  @Override
  public QuantityKind outputKind() {
    return QuantityKind.LOSS;
  }

  @Override
  public double evaluate(double[] x, double[] p, double[] grad) {
    double lnC = Math.log(x[0]);
    double lnS = Math.log(x[1]);
    double pow = Math.exp(-p[1] * lnC);
    double share = Math.exp(-p[3] * lnS);
    double inner = p[0] * pow + p[2];
    double f = share * inner;
    if (grad != null) {
      grad[0] = share * pow;
      grad[1] = -share * p[0] * pow * lnC;
      grad[2] = share;
      grad[3] = -f * lnS;
    }
    return f;
  }

  @Override
  public List<double[]> startGrid() {
    return Grid.product(
        exp(Grid.range(0, 30, 5)),
        new double[] {0.05, 0.1, 0.2, 0.3, 0.5},
        new double[] {0, 0.5, 1, 2, 3},
        new double[] {0, 0.05, 0.1, 0.3});
  }
}
