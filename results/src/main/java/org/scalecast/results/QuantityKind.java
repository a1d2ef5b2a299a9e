package org.scalecast.results;

/**
 * Whether a predicted quantity is a loss or a score. It decides how errors are measured and shown:
 * losses by relative error (in percent), scores by absolute error in points, since a score near
 * zero makes any relative error huge. Scores are bounded to [0, 1]; losses are not.
 */
public enum QuantityKind {
  /** A loss: lower is better, unbounded above. */
  LOSS,
  /** A rate such as accuracy: bounded to [0, 1]. */
  SCORE;

  /**
   * @param predicted a prediction
   * @param actual the measured value
   * @return the error in this kind's unit: relative for a loss, absolute for a score
   */
  public double error(double predicted, double actual) {
    return this == LOSS
        ? Math.abs(predicted - actual) / Math.abs(actual)
        : Math.abs(predicted - actual);
  }

  /**
   * @param predicted a prediction
   * @return why it lies outside this kind's valid range (a loss at or below 0, a score outside [0,
   *     1]), or null when it is inside or not a number
   */
  public String outsideRange(double predicted) {
    boolean out = this == LOSS ? predicted <= 0 : predicted < 0 || predicted > 1;
    if (!out) { // NaN lands here too: no prediction, nothing to flag
      return null;
    }
    return String.format(
        java.util.Locale.ROOT,
        "predicted %s %.4g is outside a %s's valid range (%s): the law has left its domain",
        this == LOSS ? "loss" : "score",
        predicted,
        this == LOSS ? "loss" : "score",
        this == LOSS ? "> 0" : "[0, 1]");
  }

  /**
   * @param lower an interval's lower end
   * @return it, raised to this kind's lowest valid value (0 for a loss and a score): a perplexity
   *     interval of [-4.07, 10.3] (a new user's OPT ladder) says nothing its clipped form does not
   */
  public double clipLower(double lower) {
    return Math.max(lower, 0);
  }

  /**
   * @param upper an interval's upper end
   * @return it, lowered to this kind's highest valid value (1 for a score; a loss has none)
   */
  public double clipUpper(double upper) {
    return this == SCORE ? Math.min(upper, 1) : upper;
  }

  /**
   * @param value a value of this kind, or NaN
   * @return it inside this kind's valid range ({@link #clipLower}, {@link #clipUpper}); NaN stays
   */
  public double clip(double value) {
    return clipUpper(clipLower(value));
  }

  /**
   * @param error an error from {@link #error}
   * @return it printed in this kind's unit, e.g. {@code 2.31%} or {@code 4.2 pt}
   */
  public String formatError(double error) {
    return formatError(error, 0);
  }

  /**
   * @param error an error from {@link #error}
   * @param extraDigits decimals beyond the usual ones
   * @return it printed in this kind's unit, e.g. {@code 2.3100%} or {@code 4.200 pt} with 2
   */
  public String formatError(double error, int extraDigits) {
    return this == LOSS
        ? String.format(java.util.Locale.ROOT, "%." + (2 + extraDigits) + "f%%", 100 * error)
        : String.format(java.util.Locale.ROOT, "%." + (1 + extraDigits) + "f pt", 100 * error);
  }
}
