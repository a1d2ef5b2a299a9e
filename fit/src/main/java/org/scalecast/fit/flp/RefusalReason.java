package org.scalecast.fit.flp;

import com.fasterxml.jackson.annotation.JsonValue;
import org.scalecast.results.EnumKeys;

/**
 * Which rule refused a quantity: why its row chosen in advance has no number ({@link Refusal},
 * {@link MethodChoice}). The row's first warning says the same in words, with the numbers; this is
 * {@code refusal} in {@code predict --json} and a column of {@code predictions.csv}, so that a
 * script, and the tool's own later steps ({@link Withheld}, {@link MethodChoice}), need not
 * recognise a reason by its text (they did until the nineteenth session, by shared prefixes).
 */
public enum RefusalReason {
  /** Every method's backtest error, scaled to the target's distance, is above the threshold. */
  BACKTEST_ABOVE,
  /** Only methods that could not be fitted at every holdout depth are within the threshold. */
  SHORT_RANGE_ONLY,
  /**
   * Predicted at or above the task's emergence threshold with fewer than {@code min_cases} of the
   * chosen method's backtest cases emerged.
   */
  EMERGED_UNTESTED,
  /** Another method within the threshold predicts outside the chosen interval. */
  DISAGREEMENT,
  /**
   * A thin ladder: the chosen method's own few backtest cases missed by more than the threshold.
   */
  OWN_CASES_ABOVE,
  /** A thin ladder: every method's few backtest cases missed by more than the threshold. */
  FEW_CASES_ABOVE,
  /** A thin ladder: the smallest leave-one-run-out error is above the threshold. */
  LORO_ABOVE,
  /** No backtest case at all, and every leave-one-run-out error is above the threshold. */
  UNTESTED_LORO_ABOVE,
  /** A thin ladder: predicted at or above an emergence threshold no sampling run reached. */
  UNREACHED_THRESHOLD,
  /** No sampling run emerged on the task, and the target lies {@code far_distance} or more out. */
  FAR_UNEMERGED,
  /**
   * The mean error only: 1 - the mean of the tasks' own chosen predictions lies outside its
   * interval ({@link TaskMeanCheck}).
   */
  TASKS_DISAGREE,
  /** The fit of every method that could be checked did not converge. */
  NOT_CONVERGED,
  /** No method could be checked: no backtest case and no leave-one-run-out error. */
  UNCHECKED;

  /**
   * @return whether it refuses a prediction at or above the task's emergence threshold
   */
  public boolean aboveThreshold() {
    return this == EMERGED_UNTESTED || this == UNREACHED_THRESHOLD;
  }

  /**
   * @return whether it refuses for a leave-one-run-out error, which the row's own leave-one-run-out
   *     warning would then say again
   */
  public boolean forLeaveOneRunOut() {
    return this == LORO_ABOVE || this == UNTESTED_LORO_ABOVE;
  }

  /**
   * @return its key in JSON and tables
   */
  @JsonValue
  public String key() {
    return EnumKeys.key(this);
  }
}
