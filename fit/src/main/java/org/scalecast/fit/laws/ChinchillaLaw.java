package org.scalecast.fit.laws;

import java.util.List;
import org.scalecast.fit.Grid;
import org.scalecast.fit.Objective;
import org.scalecast.results.QuantityKind;

/**
 * Chinchilla Approach 3 (Hoffmann et al. 2022): L(N, D) = E + A/N^alpha + B/D^beta.
 *
 * <p>E, A and B move on their logarithms, so with the {@code huber-log} objective the fit is the
 * Besiroglu et al. (2024) replication protocol exactly: log L = LSE(a - alpha log N, b - beta log
 * D, e) with a = log A, b = log B, e = log E. The default grid is theirs: e in {-1, -0.5, ..., 1},
 * a and b in {0, 5, ..., 25}, alpha and beta in {0, 0.5, ..., 2}: 4,500 starts.
 */
public final class ChinchillaLaw extends LogInputsLaw {
  private static final Scale[] SCALES = {
    Scale.LOG, Scale.LOG, Scale.LOG, Scale.LINEAR, Scale.LINEAR
  };

  /** Creates the law. */
  public ChinchillaLaw() {
    super(
        "chinchilla",
        "L = E + A/N^alpha + B/D^beta",
        List.of("N", "D"),
        "L",
        List.of("E", "A", "B", "alpha", "beta"),
        SCALES);
  }

  @Override
  public QuantityKind outputKind() {
    return QuantityKind.LOSS;
  }

  @Override
  public double evaluatePrepared(double[] lnX, double[] p, double[] grad) {
    double lnN = lnX[0];
    double lnD = lnX[1];
    double powN = Math.exp(-p[3] * lnN);
    double powD = Math.exp(-p[4] * lnD);
    double termN = p[1] * powN;
    double termD = p[2] * powD;
    if (grad != null) {
      grad[0] = 1;
      grad[1] = powN;
      grad[2] = powD;
      grad[3] = -termN * lnN;
      grad[4] = -termD * lnD;
    }
    return p[0] + termN + termD;
  }

  @Override
  public List<double[]> startGrid() {
    double[] ab = exp(Grid.range(0, 25, 5));
    double[] exponents = Grid.range(0, 2, 0.5);
    return Grid.product(exp(Grid.range(-1, 1, 0.5)), ab, ab, exponents, exponents);
  }

  /** Huber (delta 1e-3) on log residuals, as Hoffmann et al. (2022) and Besiroglu et al. (2024). */
  @Override
  public Objective defaultObjective() {
    return Objective.parse("huber-log:1e-3");
  }
}
