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
   * @param index a stage
   * @return its fit
   */
  public FitResult fit(int index) {
    return stages.get(index).fit();
  }
}
