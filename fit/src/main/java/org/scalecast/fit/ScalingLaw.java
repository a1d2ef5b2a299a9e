package org.scalecast.fit;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.scalecast.results.QuantityKind;

/**
 * A parametric law y = f(x; p) with named inputs, named parameters and an analytic gradient with
 * respect to the parameters. Implementations are stateless and thread-safe: the fitter calls them
 * from several threads at once.
 *
 * <p>The pairing of value and gradient follows OLMo's {@code fitting_functions.py} ({@code f},
 * {@code grad_f}); the default starting grid follows the multi-start practice of Chinchilla and
 * mlfoundations/scaling.
 */
public interface ScalingLaw {

  /** How the fitter moves a parameter: as is, or on its logarithm (which keeps it positive). */
  enum Scale {
    LINEAR,
    LOG
  }

  /**
   * @return the registry name, e.g. {@code chinchilla}
   */
  String name();

  /**
   * @return the law as a formula, for reports
   */
  String formula();

  /**
   * @return input variable names, in the order of {@code x}
   */
  List<String> inputs();

  /**
   * @return the output variable name (e.g. {@code L})
   */
  String output();

  /**
   * @return parameter names, in the order of {@code p}
   */
  List<String> parameters();

  /**
   * Evaluates the law and, when {@code grad} is not null, writes d f / d p into it.
   *
   * @param x inputs, in the order of {@link #inputs()}
   * @param p parameters, in the order of {@link #parameters()}
   * @param grad null, or an array of {@code parameters().size()} to receive the gradient
   * @return f(x; p)
   */
  double evaluate(double[] x, double[] p, double[] grad);

  /**
   * A point's inputs as {@link #evaluatePrepared} reads them: a law that takes the logs of its
   * inputs takes them here, once per point, where a fit evaluates every point at every iteration of
   * every start (the logs were most of a backtest's time; issue 10).
   *
   * @param x inputs, in the order of {@link #inputs()}
   * @return them prepared (the same array when the law prepares nothing)
   */
  default double[] prepare(double[] x) {
    return x;
  }

  /**
   * {@link #evaluate} at prepared inputs: the same value and gradient, bit for bit.
   *
   * @param prepared inputs from {@link #prepare}
   * @param p parameters
   * @param grad null, or an array to receive the gradient
   * @return f(x; p)
   */
  default double evaluatePrepared(double[] prepared, double[] p, double[] grad) {
    return evaluate(prepared, p, grad);
  }

  /**
   * @return the default grid of starting points, each in the order of {@link #parameters()}
   */
  List<double[]> startGrid();

  /**
   * Whether {@link LawFitter} may run Levenberg-Marquardt only from the {@link
   * LawFitter#SCREENED_STARTS} points of {@link #startGrid()} with the lowest objective rather than
   * from all of them. Only for a law whose grid points lead to one basin, so that the best few
   * starts reach the full grid's optimum; not for laws with long flat valleys where the start
   * decides where a fit ends (Chinchilla's).
   *
   * @return false unless the law says so
   */
  default boolean screensStarts() {
    return false;
  }

  /**
   * The objective {@code scalecast fit} uses when none is given: the one the law's literature fits
   * it with. Plain least squares unless a law says otherwise.
   *
   * @return the recommended objective
   */
  default Objective defaultObjective() {
    return Objective.leastSquares();
  }

  /**
   * @return what the output is, which bounds its predictions (a loss above 0, a score in [0, 1]),
   *     or null when the law does not say (a generic y)
   */
  default QuantityKind outputKind() {
    return null;
  }

  /**
   * @return inputs that must be strictly positive (they are raised to fractional powers or logged)
   */
  default Set<String> positiveInputs() {
    return Set.of();
  }

  /**
   * @return per parameter, how the fitter moves it; LOG parameters stay positive
   */
  default Scale[] scales() {
    Scale[] s = new Scale[parameters().size()];
    Arrays.fill(s, Scale.LINEAR);
    return s;
  }

  /**
   * @return lower bounds per parameter (for LINEAR parameters; -inf when unbounded)
   */
  default double[] lowerBounds() {
    double[] b = new double[parameters().size()];
    Arrays.fill(b, Double.NEGATIVE_INFINITY);
    return b;
  }

  /**
   * @return upper bounds per parameter (for LINEAR parameters; +inf when unbounded)
   */
  default double[] upperBounds() {
    double[] b = new double[parameters().size()];
    Arrays.fill(b, Double.POSITIVE_INFINITY);
    return b;
  }

  /**
   * @param x inputs
   * @param p parameters
   * @return f(x; p)
   */
  default double value(double[] x, double[] p) {
    return evaluate(x, p, null);
  }

  /**
   * @param x inputs
   * @param p parameters
   * @return d f / d p
   */
  default double[] gradient(double[] x, double[] p) {
    double[] g = new double[p.length];
    evaluate(x, p, g);
    return g;
  }

  /**
   * d f / d x_j, used only to carry an upstream prediction's variance through a chain. A central
   * difference with a relative step is accurate to ~1e-8 here, far below any interval width.
   *
   * @param x inputs
   * @param p parameters
   * @param j input index
   * @return the derivative with respect to input j
   */
  default double inputDerivative(double[] x, double[] p, int j) {
    double h = 1e-6 * Math.max(Math.abs(x[j]), 1e-6);
    double[] hi = x.clone();
    double[] lo = x.clone();
    hi[j] += h;
    lo[j] -= h;
    return (value(hi, p) - value(lo, p)) / (2 * h);
  }
}
