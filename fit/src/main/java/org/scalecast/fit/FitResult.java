package org.scalecast.fit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The outcome of fitting one law: the best parameters over all starts and their diagnostics.
 *
 * <p>Standard errors are sqrt(diag(sigma^2 (J^T J)^-1)) with sigma^2 = sum s_i^2 / (n - p) over the
 * objective's base residuals s (raw for {@code ls}, logs otherwise); Commons Math's own covariance
 * is not scaled by sigma^2 (its {@code EvaluationTest.testComputeSigma} scales it by hand). For
 * {@code huber-log} this is the least-squares approximation at the robust optimum; prefer the
 * bootstrap there, as Besiroglu et al. do.
 *
 * @param law the law
 * @param objective what was minimised
 * @param params natural parameters, in the law's order
 * @param stdErrors standard errors, NaN when not identifiable
 * @param covariance parameter covariance, NaN entries when singular
 * @param objectiveValue the minimised objective (sum of squares or of Huber terms)
 * @param n number of points
 * @param rms root mean square of the base residuals
 * @param residuals base residuals per point (f - y, or ln f - ln y)
 * @param iterations iterations of the winning start and its polish
 * @param converged whether the polish stopped on a convergence test
 * @param bestStart index of the winning start in the grid
 * @param starts number of starts tried
 * @param startsConverged number of starts that converged
 */
public record FitResult(
    ScalingLaw law,
    Objective objective,
    double[] params,
    double[] stdErrors,
    double[][] covariance,
    double objectiveValue,
    int n,
    double rms,
    double[] residuals,
    int iterations,
    boolean converged,
    int bestStart,
    int starts,
    int startsConverged) {

  /**
   * @return residual degrees of freedom, n - p
   */
  public int dof() {
    return n - params.length;
  }

  /**
   * @param name a parameter name
   * @return its fitted value
   */
  public double param(String name) {
    int j = law.parameters().indexOf(name);
    if (j < 0) {
      throw new IllegalArgumentException(law.name() + " has no parameter " + name);
    }
    return params[j];
  }

  /**
   * @return parameter name to value, in the law's order
   */
  public Map<String, Double> paramMap() {
    return named(params);
  }

  /**
   * @return parameter name to standard error, in the law's order
   */
  public Map<String, Double> stdErrorMap() {
    return named(stdErrors);
  }

  /** A LOG-scaled parameter below this is taken to sit at its bound 0 (see {@link #atBounds}). */
  static final double LOG_FLOOR = 1e-8;

  /**
   * Parameters that sit at a bound, where the fit's covariance (so its interval) and refits from
   * nearby points (bootstrap, leave-one-run-out) break down. A LINEAR parameter is at a bound when
   * it equals a finite bound of the law's; a LOG parameter (a positive coefficient the optimiser
   * moves as ln p, which has no bound) when it has collapsed toward 0, below {@value #LOG_FLOOR}:
   * the coefficients of these laws are of order 1 or larger at any fit that uses them.
   *
   * @return parameter name to the bound it sits at, in the law's order; empty when none
   */
  public Map<String, Double> atBounds() {
    ScalingLaw.Scale[] scales = law.scales();
    double[] lo = law.lowerBounds();
    double[] hi = law.upperBounds();
    Map<String, Double> m = new LinkedHashMap<>();
    for (int j = 0; j < params.length; j++) {
      double p = params[j];
      if (scales[j] == ScalingLaw.Scale.LOG) {
        if (p < LOG_FLOOR) {
          m.put(law.parameters().get(j), 0.0);
        }
      } else if (Double.isFinite(lo[j]) && p <= lo[j] + 1e-9 * Math.max(1, Math.abs(lo[j]))) {
        m.put(law.parameters().get(j), lo[j]);
      } else if (Double.isFinite(hi[j]) && p >= hi[j] - 1e-9 * Math.max(1, Math.abs(hi[j]))) {
        m.put(law.parameters().get(j), hi[j]);
      }
    }
    return m;
  }

  private Map<String, Double> named(double[] values) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int j = 0; j < values.length; j++) {
      m.put(law.parameters().get(j), values[j]);
    }
    return m;
  }

  /**
   * Predicts at x with a delta-method interval: se = sqrt(g Sigma g^T), g = d f / d p.
   *
   * @param x inputs in the law's order
   * @param level interval coverage, e.g. 0.95
   * @return the prediction
   */
  public Prediction predict(double[] x, double level) {
    double[] g = new double[params.length];
    double value = law.evaluate(x, params, g);
    double var = quadraticForm(g);
    return interval(value, var, dof(), level);
  }

  /**
   * @param g a gradient with respect to the parameters
   * @return g Sigma g^T
   */
  public double quadraticForm(double[] g) {
    return quadraticForm(g, covariance);
  }

  /**
   * @param g a gradient
   * @param covariance a covariance matrix
   * @return g Sigma g^T
   */
  static double quadraticForm(double[] g, double[][] covariance) {
    double var = 0;
    for (int i = 0; i < g.length; i++) {
      for (int j = 0; j < g.length; j++) {
        var += g[i] * covariance[i][j] * g[j];
      }
    }
    return var;
  }

  /**
   * @param value a point prediction
   * @param variance its variance
   * @param dof degrees of freedom of the t quantile
   * @param level coverage
   * @return the symmetric interval, or {@link Prediction.Method#NONE} when it cannot be made
   */
  static Prediction interval(double value, double variance, int dof, double level) {
    if (dof <= 0 || !(variance >= 0)) {
      return new Prediction(
          value, Double.NaN, Double.NaN, Double.NaN, level, Prediction.Method.NONE);
    }
    double se = Math.sqrt(variance);
    double t = new TDistribution(null, dof).inverseCumulativeProbability(0.5 + level / 2);
    return new Prediction(
        value, se, value - t * se, value + t * se, level, Prediction.Method.DELTA);
  }
}
