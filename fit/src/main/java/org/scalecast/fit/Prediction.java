package org.scalecast.fit;

/**
 * A predicted value with an interval.
 *
 * @param value the point prediction
 * @param stdError its standard error (delta method), NaN when unknown
 * @param lower lower end of the interval
 * @param upper upper end of the interval
 * @param level the interval's coverage, e.g. 0.95
 * @param method how the interval was made
 */
public record Prediction(
    double value, double stdError, double lower, double upper, double level, Method method) {

  /** How an interval was made. */
  public enum Method {
    /** Delta method with the residual-scaled covariance and a Student t quantile. */
    DELTA,
    /** Percentiles of predictions from bootstrap refits. */
    BOOTSTRAP,
    /** No interval could be made (no residual degrees of freedom, singular covariance). */
    NONE
  }
}
