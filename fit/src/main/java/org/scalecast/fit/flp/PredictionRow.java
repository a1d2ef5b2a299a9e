package org.scalecast.fit.flp;

/**
 * One predicted quantity for the target by one method, beside the target's actual value when it was
 * trained. JSON field names are the {@code predict --json} contract.
 *
 * @param quantity a loss column or a task score column
 * @param method how it was predicted
 * @param predicted the prediction
 * @param lower interval lower end
 * @param upper interval upper end
 * @param actual the target's value, or null when unknown
 * @param absError |predicted - actual|, or null
 * @param relError |predicted - actual| / |actual|, or null
 * @param warning why not to trust it, or null
 * @param loroAbsError mean absolute error of the same method predicting each sampling run's final
 *     value from the other sampling runs (leave-one-run-out), or null
 * @param loroRelError the same as a mean relative error, or null
 * @param loroRuns how many sampling runs those means are over
 * @param best whether this method has the smallest error for its quantity: against the actual value
 *     when the target was trained, else leave-one-run-out
 */
public record PredictionRow(
    String quantity,
    String method,
    Double predicted,
    Double lower,
    Double upper,
    Double actual,
    Double absError,
    Double relError,
    String warning,
    Double loroAbsError,
    Double loroRelError,
    Integer loroRuns,
    boolean best) {

  /**
   * @param quantity the quantity
   * @param method the method
   * @param predicted value
   * @param lower lower end
   * @param upper upper end
   * @param actual actual value or NaN
   * @param warning or null
   * @return the row, with errors when the actual value is known and NaNs as nulls
   */
  public static PredictionRow of(
      String quantity,
      String method,
      double predicted,
      double lower,
      double upper,
      double actual,
      String warning) {
    Double a = Double.isFinite(actual) ? actual : null;
    Double abs = a == null || !Double.isFinite(predicted) ? null : Math.abs(predicted - actual);
    Double rel = abs == null || actual == 0 ? null : abs / Math.abs(actual);
    return new PredictionRow(
        quantity,
        method,
        finite(predicted),
        finite(lower),
        finite(upper),
        a,
        abs,
        rel,
        warning,
        null,
        null,
        null,
        false);
  }

  /**
   * @param meanAbsError leave-one-run-out mean absolute error
   * @param meanRelError leave-one-run-out mean relative error
   * @param runs runs they are over
   * @param extraWarning a warning to add, or null
   * @return this row with them
   */
  public PredictionRow withLoro(
      double meanAbsError, double meanRelError, int runs, String extraWarning) {
    String w =
        extraWarning == null
            ? warning
            : warning == null ? extraWarning : warning + "; " + extraWarning;
    return copy(w, finite(meanAbsError), finite(meanRelError), runs, best);
  }

  /**
   * @return this row marked as its quantity's best method
   */
  public PredictionRow asBest() {
    return copy(warning, loroAbsError, loroRelError, loroRuns, true);
  }

  private PredictionRow copy(String w, Double loroAbs, Double loroRel, Integer runs, boolean b) {
    return new PredictionRow(
        quantity, method, predicted, lower, upper, actual, absError, relError, w, loroAbs, loroRel,
        runs, b);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
