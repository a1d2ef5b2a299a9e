package org.scalecast.fit.laws;

import java.util.List;
import org.scalecast.fit.ScalingLaw;

/** Holds the names every law declares, so each law class is only its maths. */
abstract class AbstractLaw implements ScalingLaw {
  private final String name;
  private final String formula;
  private final List<String> inputs;
  private final String output;
  private final List<String> parameters;

  AbstractLaw(
      String name, String formula, List<String> inputs, String output, List<String> parameters) {
    this.name = name;
    this.formula = formula;
    this.inputs = List.copyOf(inputs);
    this.output = output;
    this.parameters = List.copyOf(parameters);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String formula() {
    return formula;
  }

  @Override
  public List<String> inputs() {
    return inputs;
  }

  @Override
  public String output() {
    return output;
  }

  @Override
  public List<String> parameters() {
    return parameters;
  }

  /** e^v for each v: grids for LOG-scale parameters are written on their logarithm. */
  static double[] exp(double[] logs) {
    double[] v = new double[logs.length];
    for (int i = 0; i < logs.length; i++) {
      v[i] = Math.exp(logs[i]);
    }
    return v;
  }

  @Override
  public String toString() {
    return name + ": " + formula;
  }
}
