package org.scalecast.fit.flp;

import java.util.List;
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
   * @param index a stage
   * @return its fit
   */
  public FitResult fit(int index) {
    return stages.get(index).fit();
  }
}
