package org.scalecast.fit.flp;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.Observations;

/**
 * What one method made of one quantity: the prediction on the scale the user reads (accuracy, not
 * its normalised or error form) and the fits behind it, so that a report draws the very fits that
 * predicted (not refits).
 *
 * @param value the prediction
 * @param lower interval lower end (NaN when none)
 * @param upper interval upper end (NaN when none)
 * @param warning the method's own warning, or null
 * @param stages the fits, in chain order
 */
public record MethodFit(
    double value, double lower, double upper, String warning, List<Stage> stages) {

  /** Copies the stages. */
  public MethodFit {
    stages = List.copyOf(stages);
  }

  /**
   * One fitted law of a method and the points it was fitted on.
   *
   * @param fit the fit
   * @param points its points, on the fit's own scale
   */
  public record Stage(FitResult fit, Observations points) {}

  /**
   * Two interval ends combined, for a hull of intervals: both where both are numbers, else the one
   * that is (NaN when neither), so that a half without an interval leaves the other's.
   *
   * @param a one end
   * @param b the other
   * @param pick {@code Math::min} for lower ends, {@code Math::max} for upper ones
   * @return the combined end
   */
  public static double hull(double a, double b, DoubleBinaryOperator pick) {
    if (Double.isNaN(a)) {
      return b;
    }
    return Double.isNaN(b) ? a : pick.applyAsDouble(a, b);
  }

  /**
   * The interval of a mean of halves ({@code direct-blend}'s, and its figure's band): the hull of
   * the halves' interval ends that are numbers and, when that is an interval, of their values too,
   * so that it holds the mean even when one half has no interval (XGLM 7.5B's BoolQ: 0.640 [0.642,
   * 0.678], the curve at chance with none; thirteenth session).
   *
   * @param values the halves' values
   * @param lowers their lower ends (NaN: none)
   * @param uppers their upper ends (NaN: none)
   * @return {lower, upper}, NaN where no half has an end
   */
  public static double[] hull(double[] values, double[] lowers, double[] uppers) {
    double lower = Double.NaN;
    double upper = Double.NaN;
    for (int i = 0; i < values.length; i++) {
      lower = hull(lower, lowers[i], Math::min);
      upper = hull(upper, uppers[i], Math::max);
    }
    if (Double.isFinite(lower) && Double.isFinite(upper)) {
      for (double v : values) {
        lower = Math.min(lower, v);
        upper = Math.max(upper, v);
      }
    }
    return new double[] {lower, upper};
  }

  /**
   * @param index a stage
   * @return its fit
   */
  public FitResult fit(int index) {
    return stages.get(index).fit();
  }
}
