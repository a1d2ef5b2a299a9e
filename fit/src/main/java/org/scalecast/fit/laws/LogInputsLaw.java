package org.scalecast.fit.laws;

import java.util.List;
import java.util.Set;

/**
 * A law of the logs of its inputs (every input positive): it takes the logs once per point in
 * {@link #prepare}, and its maths, {@link #evaluatePrepared}, reads them. A fit evaluates each
 * point at every iteration of every start, and the logs taken there were most of a 100-run
 * backtest's time (issue 10, twenty-first session); {@link #evaluate} gives the same bits.
 */
abstract class LogInputsLaw extends AbstractLaw {
  /**
   * @param name registry name
   * @param formula the law as a formula
   * @param inputs input names, all positive
   * @param output output name
   * @param parameters parameter names
   * @param scales per parameter, how the fitter moves it (null: all LINEAR)
   */
  LogInputsLaw(
      String name,
      String formula,
      List<String> inputs,
      String output,
      List<String> parameters,
      Scale[] scales) {
    super(name, formula, inputs, output, parameters, Set.copyOf(inputs), scales);
  }

  /** The logs of the inputs, which {@link #evaluatePrepared} reads. */
  @Override
  public final double[] prepare(double[] x) {
    double[] out = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      out[j] = Math.log(x[j]);
    }
    return out;
  }

  @Override
  public final double evaluate(double[] x, double[] p, double[] grad) {
    return evaluatePrepared(prepare(x), p, grad);
  }

  /**
   * @param lnX the logs of the inputs
   * @param p parameters
   * @param grad null, or an array to receive d f / d p
   * @return f(x; p)
   */
  @Override
  public abstract double evaluatePrepared(double[] lnX, double[] p, double[] grad);
}
