package org.scalecast.fit.laws;

import java.util.List;
import org.scalecast.results.QuantityKind;

/**
 * Chance-normalised accuracy linear in log compute, P = a + b*ln(C): the extrapolation that assumes
 * no acceleration, beside {@link FlopsAccuracyLaw}, whose curve accelerates from chance. Fitted to
 * 3-6 released models of a family, the accelerating curve over-predicted ARC-Challenge at the
 * largest targets (Pythia 12B by 11.9 points, OPT 13B by 13.2, Qwen1.5 14B by 8.9; this line 0.9,
 * 1.3 and 4.1), and under-predicted emergent GSM8K less (Qwen1.5 14B: 7.4 against 12.5): neither
 * form is right everywhere: {@code direct-blend} takes the mean of the two.
 */
public final class LogFlopsLinearLaw extends LogInputsLaw {

  /** Creates the law. */
  public LogFlopsLinearLaw() {
    super("log-flops-linear", "P = a + b*ln(C)", List.of("C"), "P", List.of("a", "b"), null);
  }

  @Override
  public QuantityKind outputKind() {
    return QuantityKind.SCORE;
  }

  @Override
  public double evaluatePrepared(double[] lnX, double[] p, double[] grad) {
    double lnC = lnX[0];
    if (grad != null) {
      grad[0] = 1;
      grad[1] = lnC;
    }
    return p[0] + p[1] * lnC;
  }

  @Override
  public List<double[]> startGrid() {
    return List.of(new double[] {0, 0});
  }
}
