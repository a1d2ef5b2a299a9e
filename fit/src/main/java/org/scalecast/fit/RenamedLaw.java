package org.scalecast.fit;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A law with its variables renamed, so a generic law can take its place in a chain: FLP's stage 2
 * is {@code linear} (y = w0 + w1 x) read as P = w0 + w1 L. The maths, parameters and grid are the
 * inner law's.
 *
 * @param inner the law
 * @param inputs new input names, in the inner law's order
 * @param output new output name
 */
public record RenamedLaw(ScalingLaw inner, List<String> inputs, String output)
    implements ScalingLaw {

  /** Checks the arity. */
  public RenamedLaw {
    inputs = List.copyOf(inputs);
    if (inputs.size() != inner.inputs().size()) {
      throw new IllegalArgumentException(
          inner.name() + " takes " + inner.inputs().size() + " inputs, not " + inputs.size());
    }
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public String formula() {
    return inner.formula()
        + " with "
        + inner.inputs()
        + " -> "
        + inputs
        + ", "
        + inner.output()
        + " -> "
        + output;
  }

  @Override
  public List<String> parameters() {
    return inner.parameters();
  }

  @Override
  public double evaluate(double[] x, double[] p, double[] grad) {
    return inner.evaluate(x, p, grad);
  }

  @Override
  public double[] prepare(double[] x) {
    return inner.prepare(x);
  }

  @Override
  public double evaluatePrepared(double[] prepared, double[] p, double[] grad) {
    return inner.evaluatePrepared(prepared, p, grad);
  }

  @Override
  public Objective defaultObjective() {
    return inner.defaultObjective();
  }

  @Override
  public List<double[]> startGrid() {
    return inner.startGrid();
  }

  @Override
  public boolean screensStarts() {
    return inner.screensStarts();
  }

  @Override
  public Set<String> positiveInputs() {
    return inner.positiveInputs().stream()
        .map(v -> inputs.get(inner.inputs().indexOf(v)))
        .collect(Collectors.toSet());
  }

  @Override
  public Scale[] scales() {
    return inner.scales();
  }

  @Override
  public double[] lowerBounds() {
    return inner.lowerBounds();
  }

  @Override
  public double[] upperBounds() {
    return inner.upperBounds();
  }
}
