package org.scalecast.fit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.results.InputException;

/**
 * Chained prediction: each stage's output feeds the next stage's input of the same name, e.g.
 * {@code gadre-loss} (N, D -> L) then {@code gadre-error} (L -> Err). Variances add through the
 * chain by the delta method, treating the stages' fits as independent: Var(y) = g Sigma g^T +
 * (df/dL)^2 Var(L). When every stage carries bootstrap replicates of the same count, the interval
 * is instead the percentile interval of the chain evaluated replicate by replicate.
 */
public final class Chain {
  private Chain() {}

  /**
   * @param name the stage's output variable
   * @param prediction its prediction
   */
  public record Step(String name, Prediction prediction) {}

  /**
   * @param stages fitted laws in order
   * @param at values of every input not produced by an earlier stage
   * @param level interval coverage
   * @return one step per stage; the last is the chain's prediction
   */
  public static List<Step> predict(List<FitModel> stages, Map<String, Double> at, double level) {
    Map<String, Double> values = new HashMap<>(at);
    Map<String, Double> variances = new HashMap<>();
    List<Step> steps = new ArrayList<>();
    int dof = Integer.MAX_VALUE;
    double[][] boot = bootstrapValues(stages, at);
    for (int k = 0; k < stages.size(); k++) {
      FitModel m = stages.get(k);
      double[] x = inputs(m.law(), values);
      double[] g = new double[m.params().length];
      double y = m.law().evaluate(x, m.params(), g);
      double var = FitResult.quadraticForm(g, m.covariance());
      for (int j = 0; j < x.length; j++) {
        Double upstream = variances.get(m.law().inputs().get(j));
        if (upstream != null) {
          double d = m.law().inputDerivative(x, m.params(), j);
          var += d * d * upstream;
        }
      }
      dof = Math.min(dof, m.dof());
      values.put(m.law().output(), y);
      variances.put(m.law().output(), var);
      Prediction p = FitResult.interval(y, var, dof, level);
      if (boot != null) {
        double[] ci = Bootstrap.percentileInterval(boot[k], level);
        p = new Prediction(y, p.stdError(), ci[0], ci[1], level, Prediction.Method.BOOTSTRAP);
      }
      steps.add(new Step(m.law().output(), p));
    }
    return steps;
  }

  private static double[] inputs(ScalingLaw law, Map<String, Double> values) {
    double[] x = new double[law.inputs().size()];
    for (int j = 0; j < x.length; j++) {
      Double v = values.get(law.inputs().get(j));
      if (v == null) {
        throw new InputException(
            "no value for "
                + law.inputs().get(j)
                + ": law "
                + law.name()
                + " takes "
                + String.join(", ", law.inputs())
                + " (give it with --at)");
      }
      x[j] = v;
    }
    return x;
  }

  /**
   * Per stage, the chain's value under each bootstrap replicate; null unless all stages have one.
   */
  private static double[][] bootstrapValues(List<FitModel> stages, Map<String, Double> at) {
    int reps = -1;
    for (FitModel m : stages) {
      if (m.bootstrap() == null || (reps >= 0 && m.bootstrap().length != reps)) {
        return null;
      }
      reps = m.bootstrap().length;
    }
    if (reps <= 0) {
      return null;
    }
    double[][] out = new double[stages.size()][reps];
    for (int b = 0; b < reps; b++) {
      Map<String, Double> values = new HashMap<>(at);
      for (int k = 0; k < stages.size(); k++) {
        FitModel m = stages.get(k);
        double y = m.law().value(inputs(m.law(), values), m.bootstrap()[b]);
        values.put(m.law().output(), y);
        out[k][b] = y;
      }
    }
    return out;
  }
}
