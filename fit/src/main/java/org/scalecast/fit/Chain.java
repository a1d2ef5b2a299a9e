package org.scalecast.fit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.results.InputException;

/**
 * Chained prediction: each stage's output feeds the next stage's input of the same name, e.g.
 * {@code gadre-loss} (N, D -> L) then {@code gadre-error} (L -> Err), or of another name through an
 * explicit binding ({@link #bind}: {@code sigmoid}'s x takes {@code chinchilla}'s L). Variances add
 * through the chain by the delta method, treating the stages' fits as independent: Var(y) = g Sigma
 * g^T + (df/dL)^2 Var(L), so the last stage's interval carries every earlier stage's uncertainty.
 *
 * <p>When every stage carries bootstrap replicates, the interval is instead the percentile interval
 * of the chain evaluated replicate by replicate. Fits bootstrapped with the same seed over the same
 * runs ({@link FitModel.Draws#sameRunsAs}) resampled the same runs in replicate b, so replicates
 * are paired by their draw number: each pair is one resample of the runs through the whole chain.
 * Otherwise the stages were resampled independently and replicates are paired in order, up to the
 * smallest count: a draw from each stage's own bootstrap distribution.
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
      double[] x = inputs(m.law(), values, k > 0);
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

  /**
   * Binds inputs to earlier outputs of another name: {@code x=L} makes every stage after the one
   * that outputs L read its input x from L.
   *
   * @param stages fitted laws in order
   * @param bindings input name to the output name it reads
   * @return the stages, those with a bound input renamed
   * @throws InputException naming the binding when no stage takes the input after one that outputs
   *     the value
   */
  public static List<FitModel> bind(List<FitModel> stages, Map<String, String> bindings) {
    List<FitModel> out = new ArrayList<>(stages);
    for (Map.Entry<String, String> b : bindings.entrySet()) {
      String input = b.getKey();
      String from = b.getValue();
      int producer = -1;
      boolean bound = false;
      for (int k = 0; k < out.size(); k++) {
        ScalingLaw law = out.get(k).law();
        if (producer >= 0 && law.inputs().contains(input)) {
          List<String> renamed =
              law.inputs().stream().map(v -> v.equals(input) ? from : v).toList();
          out.set(k, out.get(k).withLaw(new RenamedLaw(law, renamed, law.output())));
          bound = true;
        }
        if (law.output().equals(from)) {
          producer = k;
        }
      }
      if (!bound) {
        throw new InputException(
            "binding "
                + input
                + "="
                + from
                + ": "
                + (producer < 0
                    ? "no fit outputs " + from + " (outputs: " + outputs(stages) + ")"
                    : "no fit after the one that outputs "
                        + from
                        + " takes "
                        + input
                        + " (inputs of the later fits: "
                        + laterInputs(stages, producer)
                        + "; --fit files go in chain order)")
                + "; bind a later fit's input to an earlier fit's output, e.g. x=L");
      }
    }
    return out;
  }

  /**
   * The inputs of the stages after {@code producer}, or "none": a wrong input named no input to
   * bind, nor that --fit files go in chain order (a new user, twenty-fifth session).
   */
  private static String laterInputs(List<FitModel> stages, int producer) {
    List<String> in = new ArrayList<>();
    for (FitModel m : stages.subList(producer + 1, stages.size())) {
      m.law().inputs().stream().filter(v -> !in.contains(v)).forEach(in::add);
    }
    return in.isEmpty() ? "none" : String.join(", ", in);
  }

  private static String outputs(List<FitModel> stages) {
    return String.join(", ", stages.stream().map(m -> m.law().output()).toList());
  }

  private static double[] inputs(ScalingLaw law, Map<String, Double> values, boolean chained) {
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
                + (chained
                    ? " (give it with --at, or bind it to an earlier fit's output with --bind "
                        + law.inputs().get(j)
                        + "=OUTPUT)"
                    : " (give it with --at)"));
      }
      x[j] = v;
    }
    return x;
  }

  /**
   * Per stage, the chain's value under each paired bootstrap replicate; null unless all stages have
   * one.
   */
  private static double[][] bootstrapValues(List<FitModel> stages, Map<String, Double> at) {
    for (FitModel m : stages) {
      if (m.bootstrap() == null || m.bootstrap().length == 0) {
        return null;
      }
    }
    int[][] pairs = pairs(stages);
    int reps = pairs[0].length;
    if (reps == 0) {
      return null;
    }
    double[][] out = new double[stages.size()][reps];
    for (int b = 0; b < reps; b++) {
      Map<String, Double> values = new HashMap<>(at);
      for (int k = 0; k < stages.size(); k++) {
        FitModel m = stages.get(k);
        double y = m.law().value(inputs(m.law(), values, k > 0), m.bootstrap()[pairs[k][b]]);
        values.put(m.law().output(), y);
        out[k][b] = y;
      }
    }
    return out;
  }

  /**
   * @param stages fitted laws in order
   * @return whether every stage was bootstrapped over the same runs with the same seed, so that
   *     replicate b is one resample of the runs through the whole chain; else the replicates are
   *     paired in order (the output did not say which: a new user, twenty-fifth session)
   */
  public static boolean pairedByRuns(List<FitModel> stages) {
    FitModel first = stages.get(0);
    return stages.stream()
        .allMatch(
            m -> m.draws() != null && first.draws() != null && m.draws().sameRunsAs(first.draws()));
  }

  /**
   * @return per stage, the row of its bootstrap used in each paired replicate: by draw number when
   *     all stages resampled the same runs with the same seed, else in order
   */
  static int[][] pairs(List<FitModel> stages) {
    FitModel first = stages.get(0);
    int[][] out = new int[stages.size()][];
    if (pairedByRuns(stages)) {
      java.util.Set<Integer> common = new java.util.TreeSet<>();
      for (int i : first.draws().index()) {
        common.add(i);
      }
      for (FitModel m : stages) {
        java.util.Set<Integer> mine = new java.util.HashSet<>();
        for (int i : m.draws().index()) {
          mine.add(i);
        }
        common.retainAll(mine);
      }
      for (int k = 0; k < stages.size(); k++) {
        int[] index = stages.get(k).draws().index();
        Map<Integer, Integer> row = new HashMap<>();
        for (int r = 0; r < index.length; r++) {
          row.put(index[r], r);
        }
        out[k] = common.stream().mapToInt(row::get).toArray();
      }
      return out;
    }
    int reps = stages.stream().mapToInt(m -> m.bootstrap().length).min().orElse(0);
    for (int k = 0; k < stages.size(); k++) {
      out[k] = java.util.stream.IntStream.range(0, reps).toArray();
    }
    return out;
  }
}
