package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.LawFitter;
import org.scalecast.fit.Objective;
import org.scalecast.fit.Observations;
import org.scalecast.fit.Prediction;
import org.scalecast.fit.ScalingLaw;
import org.scalecast.fit.laws.ChinchillaLaw;
import org.scalecast.fit.laws.FlopsAccuracyLaw;
import org.scalecast.fit.laws.FlpLossLaw;
import org.scalecast.fit.laws.GadreErrorLaw;
import org.scalecast.fit.laws.LinearLaw;
import org.scalecast.fit.laws.PowerLaw;
import org.scalecast.fit.laws.SigmoidLaw;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.RowFilter;
import tech.tablesaw.api.Table;

/**
 * Predicts a target run from sampling runs in one results table, by every method, beside the
 * target's actual values.
 *
 * <ul>
 *   <li>Losses: {@code flp-loss} (FLP stage 1), {@code power} (with an irreducible term), both on C
 *       = flops, and {@code chinchilla} on (N, D), all on the sampling runs' final checkpoints.
 *   <li>Task scores: FLP's two stages with a linear, a sigmoid (model ladder) or an exponential
 *       (Gadre et al.) stage 2 on the emerged checkpoints, and the direct FLOPs-to-accuracy
 *       baseline (Krajewski et al.) on chance-normalised final scores.
 * </ul>
 *
 * <p>Columns: {@code run_id}, {@code flops}, {@code is_final}, {@code n_params}, {@code tokens} and
 * the configured loss and score columns. The target must be in the table (its compute is read from
 * its final row); predicting an untrained target is not supported yet.
 */
public final class TargetPredictor {
  /** Intervals wider than this share of the prediction get a warning. */
  private static final double WIDE = 0.2;

  private TargetPredictor() {}

  /**
   * @param t the results table
   * @param spec what to predict
   * @return one row per quantity and method
   */
  public static List<PredictionRow> predict(Table t, PredictSpec spec) {
    Set<String> targets = targetRuns(t, spec);
    int target = finalRow(t, targets.iterator().next());
    double cStar = CsvTables.number(t, "flops", target);
    List<Integer> sampling = new ArrayList<>();
    List<Integer> finals = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      if (!targets.contains(t.column("run_id").getString(r))) {
        sampling.add(r);
        if (CsvTables.number(t, "is_final", r) == 1) {
          finals.add(r);
        }
      }
    }
    List<PredictionRow> rows = new ArrayList<>();
    for (String loss : spec.losses()) {
      rows.addAll(losses(t, loss, finals, target, cStar, spec.level()));
    }
    for (PredictSpec.TaskSpec task : spec.tasks()) {
      rows.addAll(task(t, task, sampling, finals, target, cStar, spec));
    }
    return rows;
  }

  private static Set<String> targetRuns(Table t, PredictSpec spec) {
    if (spec.targetWhere().isEmpty()) {
      throw new InputException("target_where is required: which runs are the target");
    }
    List<RowFilter> filters =
        spec.targetWhere().entrySet().stream()
            .map(e -> new RowFilter(e.getKey(), e.getValue()))
            .toList();
    Set<String> runs = new LinkedHashSet<>();
    for (int r = 0; r < t.rowCount(); r++) {
      final int row = r;
      if (filters.stream().allMatch(f -> f.test(t, row))) {
        runs.add(CsvTables.column(t, "run_id").getString(r));
      }
    }
    if (runs.size() != 1) {
      throw new InputException(
          "target_where "
              + spec.targetWhere()
              + " matches "
              + runs.size()
              + " runs "
              + runs
              + "; it must match exactly one");
    }
    return runs;
  }

  private static int finalRow(Table t, String run) {
    for (int r = 0; r < t.rowCount(); r++) {
      if (t.column("run_id").getString(r).equals(run) && CsvTables.number(t, "is_final", r) == 1) {
        return r;
      }
    }
    throw new InputException("target run " + run + " has no final row (is_final = 1)");
  }

  private static Observations points(
      Table t, List<Integer> rows, List<String> inputs, String output, DoubleUnaryOperator y) {
    double[][] x = new double[rows.size()][inputs.size()];
    double[] v = new double[rows.size()];
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      int r = rows.get(i);
      for (int j = 0; j < inputs.size(); j++) {
        x[i][j] = CsvTables.number(t, inputs.get(j), r);
      }
      v[i] = y.applyAsDouble(CsvTables.number(t, output, r));
      ids.add(t.column("run_id").getString(r));
    }
    return new Observations(inputs, output, x, v, ids);
  }

  private static List<PredictionRow> losses(
      Table t, String col, List<Integer> finals, int target, double cStar, double level) {
    double actual = CsvTables.number(t, col, target);
    List<PredictionRow> rows = new ArrayList<>();
    Observations c = byFlops(t, finals, col);
    rows.add(
        row(
            col,
            "flp-loss",
            fit(new FlpLossLaw(), "ls-log", c),
            new double[] {cStar},
            actual,
            level));
    rows.add(
        row(col, "power", fit(new PowerLaw(), "ls-log", c), new double[] {cStar}, actual, level));
    if (t.columnNames().contains("n_params") && t.columnNames().contains("tokens")) {
      Observations nd = points(t, finals, List.of("n_params", "tokens"), col, v -> v);
      Observations chin = new Observations(List.of("N", "D"), "L", nd.x(), nd.y(), nd.runIds());
      double[] at = {
        CsvTables.number(t, "n_params", target), CsvTables.number(t, "tokens", target)
      };
      rows.add(
          row(
              col,
              "chinchilla",
              fit(new ChinchillaLaw(), "huber-log:1e-3", chin),
              at,
              actual,
              level));
    }
    return rows;
  }

  /** Rows as (C = flops) -> L = the loss column. */
  private static Observations byFlops(Table t, List<Integer> rows, String loss) {
    Observations o = points(t, rows, List.of("flops"), loss, v -> v);
    return new Observations(List.of("C"), "L", o.x(), o.y(), o.runIds());
  }

  private static FitResult fit(ScalingLaw law, String objective, Observations obs) {
    return LawFitter.create().withObjective(Objective.parse(objective)).fit(law, obs);
  }

  private static PredictionRow row(
      String q, String method, FitResult f, double[] at, double actual, double level) {
    Prediction p = f.predict(at, level);
    return PredictionRow.of(
        q, method, p.value(), p.lower(), p.upper(), actual, warning(p, f.converged()));
  }

  private static String warning(Prediction p, boolean converged) {
    return warning(p.value(), p.lower(), p.upper(), converged);
  }

  /** On the scale the user reads (accuracy, not its normalised or error form). */
  private static String warning(double value, double lower, double upper, boolean converged) {
    if (!converged) {
      return "fit did not converge";
    }
    if (!Double.isFinite(lower) || !Double.isFinite(upper)) {
      return "no interval (parameters not identifiable from these points)";
    }
    if (upper - lower > WIDE * Math.abs(value)) {
      return "interval wider than " + Math.round(100 * WIDE) + "% of the prediction";
    }
    return null;
  }

  private static List<PredictionRow> task(
      Table t,
      PredictSpec.TaskSpec task,
      List<Integer> sampling,
      List<Integer> finals,
      int target,
      double cStar,
      PredictSpec spec) {
    double actual = CsvTables.number(t, task.score(), target);
    double threshold = task.chance() + spec.margin();
    Observations ckpts = points(t, sampling, List.of(task.loss()), task.score(), v -> v);
    // Stage 1 and the emerged checkpoints are shared by the three stage-2 forms; a refusal of
    // either becomes each method's warning.
    FitResult stage1;
    Observations emerged;
    try {
      stage1 = Flp.stage1(byFlops(t, finals, task.loss()));
      emerged = Flp.emerged(ckpts, threshold);
    } catch (InputException e) {
      List<PredictionRow> rows = new ArrayList<>();
      rows.add(direct(t, task, finals, cStar, actual, spec.level())); // rows in method order
      for (String m : List.of("flp-exponential", "flp-linear", "flp-sigmoid")) {
        rows.add(
            PredictionRow.of(
                task.score(), m, Double.NaN, Double.NaN, Double.NaN, actual, e.getMessage()));
      }
      return rows;
    }
    // Gadre et al.'s exponential form fits the error 1 - P = epsilon - k exp(-gamma L).
    double[] err = java.util.Arrays.stream(emerged.y()).map(v -> 1 - v).toArray();
    Observations errors =
        new Observations(emerged.inputs(), emerged.output(), emerged.x(), err, emerged.runIds());
    List<PredictionRow> rows = new ArrayList<>();
    rows.add(direct(t, task, finals, cStar, actual, spec.level())); // rows in method order
    rows.add(
        twoStage(
            task.score(),
            "flp-exponential",
            () -> Flp.chain(stage1, errors, new GadreErrorLaw(), cStar, spec.level()),
            actual,
            v -> 1 - v));
    rows.add(
        twoStage(
            task.score(),
            "flp-linear",
            () -> Flp.chain(stage1, emerged, new LinearLaw(), cStar, spec.level()),
            actual,
            v -> v));
    rows.add(
        twoStage(
            task.score(),
            "flp-sigmoid",
            () -> Flp.chain(stage1, emerged, new SigmoidLaw(), cStar, spec.level()),
            actual,
            v -> v));
    return rows;
  }

  private static PredictionRow twoStage(
      String q,
      String method,
      java.util.function.Supplier<Flp.Result> run,
      double actual,
      DoubleUnaryOperator back) {
    try {
      Flp.Result r = run.get();
      double lo = back.applyAsDouble(r.score().lower());
      double hi = back.applyAsDouble(r.score().upper());
      String w =
          r.emergedPoints() < 10
              ? "only " + r.emergedPoints() + " emerged checkpoints"
              : warning(
                  back.applyAsDouble(r.score().value()),
                  Math.min(lo, hi),
                  Math.max(lo, hi),
                  r.stage2().converged());
      return PredictionRow.of(
          q,
          method,
          back.applyAsDouble(r.score().value()),
          Math.min(lo, hi),
          Math.max(lo, hi),
          actual,
          w);
    } catch (InputException e) {
      return PredictionRow.of(
          q, method, Double.NaN, Double.NaN, Double.NaN, actual, e.getMessage());
    }
  }

  /** Krajewski et al.: chance-normalised a' = (P - chance)/(1 - chance) = exp(-A C^-alpha). */
  private static PredictionRow direct(
      Table t,
      PredictSpec.TaskSpec task,
      List<Integer> finals,
      double cStar,
      double actual,
      double level) {
    double ch = task.chance();
    Observations raw = points(t, finals, List.of("flops"), task.score(), v -> (v - ch) / (1 - ch));
    Observations obs = new Observations(List.of("C"), "P", raw.x(), raw.y(), raw.runIds());
    try {
      FitResult f = fit(new FlopsAccuracyLaw(), "ls", obs);
      Prediction p = f.predict(new double[] {cStar}, level);
      DoubleUnaryOperator back = v -> ch + (1 - ch) * v;
      return PredictionRow.of(
          task.score(),
          "direct",
          back.applyAsDouble(p.value()),
          back.applyAsDouble(p.lower()),
          back.applyAsDouble(p.upper()),
          actual,
          warning(
              back.applyAsDouble(p.value()),
              back.applyAsDouble(p.lower()),
              back.applyAsDouble(p.upper()),
              f.converged()));
    } catch (InputException e) {
      return PredictionRow.of(
          task.score(), "direct", Double.NaN, Double.NaN, Double.NaN, actual, e.getMessage());
    }
  }
}
