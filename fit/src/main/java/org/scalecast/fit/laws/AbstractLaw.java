package org.scalecast.fit.laws;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.scalecast.fit.ScalingLaw;

/**
 * Holds what every law declares (names, which inputs must be positive, how each parameter moves),
 * so a law class is only its maths: {@code evaluate} and {@code startGrid}. Subclass it to add a
 * law, then register the class in {@link org.scalecast.fit.laws.Laws}.
 */
public abstract class AbstractLaw implements ScalingLaw {
  private final String name;
  private final String formula;
  private final List<String> inputs;
  private final String output;
  private final List<String> parameters;
  private final Set<String> positiveInputs;
  private final Scale[] scales;

  /**
   * A law whose inputs may take any sign and whose parameters all move linearly.
   *
   * @param name registry name
   * @param formula the law as a formula
   * @param inputs input names
   * @param output output name
   * @param parameters parameter names
   */
  protected AbstractLaw(
      String name, String formula, List<String> inputs, String output, List<String> parameters) {
    this(name, formula, inputs, output, parameters, Set.of(), null);
  }

  /**
   * @param name registry name
   * @param formula the law as a formula
   * @param inputs input names
   * @param output output name
   * @param parameters parameter names
   * @param positiveInputs inputs that are logged or raised to fractional powers
   * @param scales per parameter, how the fitter moves it (null: all LINEAR)
   */
  protected AbstractLaw(
      String name,
      String formula,
      List<String> inputs,
      String output,
      List<String> parameters,
      Set<String> positiveInputs,
      Scale[] scales) {
    this.name = name;
    this.formula = formula;
    this.inputs = List.copyOf(inputs);
    this.output = output;
    this.parameters = List.copyOf(parameters);
    this.positiveInputs = Set.copyOf(positiveInputs);
    if (scales == null) {
      scales = new Scale[parameters.size()];
      Arrays.fill(scales, Scale.LINEAR);
    }
    if (scales.length != parameters.size()) {
      throw new IllegalArgumentException(
          name + ": " + scales.length + " scales for " + parameters.size() + " parameters");
    }
    this.scales = scales.clone();
  }

  @Override
  public Set<String> positiveInputs() {
    return positiveInputs;
  }

  @Override
  public Scale[] scales() {
    return scales.clone();
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

  /**
   * @param logs values
   * @return e^v for each v: grids for LOG-scale parameters are written on their logarithm
   */
  protected static double[] exp(double[] logs) {
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
