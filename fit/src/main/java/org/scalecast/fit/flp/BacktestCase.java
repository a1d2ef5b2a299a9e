package org.scalecast.fit.flp;

import org.scalecast.results.QuantityKind;

/**
 * One held-out run predicted by one method: a {@link Backtest}'s case.
 *
 * @param quantity the quantity
 * @param method the method
 * @param kind loss or score
 * @param run the held-out run
 * @param depth which backtest, e.g. {@code compute > q0.75}
 * @param distance log10 of its compute over the fitted runs' largest
 * @param predicted the prediction
 * @param actual its actual final value
 * @param leverage the held-out run's leverage over the fitted runs ({@link Conformal#leverage});
 *     NaN when their computes do not vary
 */
public record BacktestCase(
    String quantity,
    String method,
    QuantityKind kind,
    String run,
    String depth,
    double distance,
    double predicted,
    double actual,
    double leverage) {
  /** A case without a leverage (NaN): for the distance scale. */
  public BacktestCase(
      String quantity,
      String method,
      QuantityKind kind,
      String run,
      String depth,
      double distance,
      double predicted,
      double actual) {
    this(quantity, method, kind, run, depth, distance, predicted, actual, Double.NaN);
  }

  /**
   * @return the error in the kind's unit: relative for a loss, absolute (points) for a score
   */
  public double error() {
    double abs = Math.abs(predicted - actual);
    return kind == QuantityKind.LOSS ? abs / Math.abs(actual) : abs;
  }

  /**
   * @param offset d0, in decades
   * @return the error per decade of extrapolation plus d0, the conformal score
   */
  public double score(double offset) {
    return error() / (Math.max(distance, Backtest.MIN_DISTANCE) + offset);
  }

  /**
   * @param scale how errors are scaled
   * @param offset d0, for the distance scale
   * @return the conformal score on that scale: the error per decade plus d0, or per unit leverage
   */
  public double score(BacktestSpec.IntervalScale scale, double offset) {
    return scale == BacktestSpec.IntervalScale.LEVERAGE ? error() / leverage : score(offset);
  }
}
