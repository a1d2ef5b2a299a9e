package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.scalecast.fit.Chain;
import org.scalecast.fit.FitModel;
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
import org.scalecast.fit.laws.GadreLossLaw;
import org.scalecast.fit.laws.LinearLaw;
import org.scalecast.fit.laws.PowerLaw;
import org.scalecast.fit.laws.SigmoidLaw;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Predicts a target run from sampling runs in one results table, by every method, beside the
 * target's actual values, and checks every method by leave-one-run-out on the sampling runs.
 *
 * <ul>
 *   <li>Losses: {@code flp-loss} (FLP stage 1), {@code power} (with an irreducible term), both on C
 *       = flops, and {@code chinchilla} on (N, D), all on the sampling runs' final checkpoints.
 *   <li>Task scores: FLP's two stages with a linear, a sigmoid (model ladder) or an exponential
 *       (Gadre et al.) stage 2 on the emerged checkpoints, and the direct FLOPs-to-accuracy
 *       baseline (Krajewski et al.) on chance-normalised final scores.
 *   <li>{@code mean_error}, 1 - the mean score over the configured tasks: Gadre et al.'s chain,
 *       L(N, D) by their Eq. 4 on the final checkpoints, then Err(L) by their Eq. 5.
 * </ul>
 *
 * <p>Leave-one-run-out: each sampling run in turn is treated as the target and predicted by the
 * same method from the other sampling runs; the mean relative error over those runs goes beside
 * every prediction, and a warning when it exceeds {@link #LORO_WARN} (Lourie et al. 2025: a tool
 * should say when its extrapolation is not trustworthy).
 *
 * <p>Columns: {@code run_id}, {@code flops}, {@code is_final}, {@code n_params}, {@code tokens},
 * optionally {@code role}, and the configured loss and score columns.
 */
public final class TargetPredictor {
  /** Intervals wider than this share of the prediction get a warning. */
  private static final double WIDE = 0.2;

  /** Leave-one-run-out mean relative errors of losses above this get a warning. */
  public static final double LORO_WARN = 0.05;

  /** Leave-one-run-out mean absolute errors of scores above this (5 points) get a warning. */
  public static final double LORO_WARN_POINTS = 0.05;

  /** The quantity Gadre et al.'s chain predicts: 1 - the mean of the configured task scores. */
  public static final String MEAN_ERROR = "mean_error";

  private TargetPredictor() {}

  /**
   * @param t the results table
   * @param spec what to predict
   * @return one row per quantity and method, with its leave-one-run-out error
   */
  public static List<PredictionRow> predict(Table t, PredictSpec spec) {
    Table table = withMeanError(t, spec);
    Target target = Target.resolve(table, spec);
    List<Integer> sampling = Target.samplingRows(table, target);
    List<PredictionRow> rows = predictAt(table, spec, sampling, target);
    return withLoro(table, spec, sampling, rows);
  }

  /**
   * Every method for one target from the given sampling rows.
   *
   * @param t the table
   * @param spec what to predict
   * @param sampling rows of the sampling runs
   * @param target the target
   * @return one row per quantity and method
   */
  static List<PredictionRow> predictAt(
      Table t, PredictSpec spec, List<Integer> sampling, Target target) {
    List<Integer> finals = new ArrayList<>();
    for (int r : sampling) {
      if (CsvTables.number(t, "is_final", r) == 1) {
        finals.add(r);
      }
    }
    List<PredictionRow> rows = new ArrayList<>();
    for (String loss : spec.losses()) {
      rows.addAll(losses(t, loss, finals, target, spec.level()));
    }
    for (PredictSpec.TaskSpec task : spec.tasks()) {
      rows.addAll(task(t, task, sampling, finals, target, spec));
    }
    if (t.columnNames().contains(MEAN_ERROR)) {
      rows.add(meanError(t, spec, sampling, finals, target));
    }
    return rows;
  }

  private static List<PredictionRow> withLoro(
      Table t, PredictSpec spec, List<Integer> sampling, List<PredictionRow> rows) {
    Map<String, List<Integer>> byRun = new LinkedHashMap<>();
    for (int r : sampling) {
      byRun.computeIfAbsent(t.column("run_id").getString(r), k -> new ArrayList<>()).add(r);
    }
    Map<String, double[]> sums = new HashMap<>(); // quantity|method -> {abs sum, rel sum, n}
    for (Map.Entry<String, List<Integer>> held : byRun.entrySet()) {
      List<Integer> rest = new ArrayList<>(sampling);
      rest.removeAll(held.getValue());
      List<PredictionRow> out;
      try {
        // A run without a final row (diverged, or still training) has nothing to be checked on.
        Target pseudo = Target.ofRow(t, Target.finalRow(t, held.getKey()));
        out = predictAt(t, spec, rest, pseudo);
      } catch (InputException e) {
        continue; // too few runs left for some law: that run contributes nothing
      }
      for (PredictionRow p : out) {
        if (p.absError() != null) {
          double[] a = sums.computeIfAbsent(key(p), k -> new double[3]);
          a[0] += p.absError();
          a[1] += p.relError() == null ? Double.NaN : p.relError();
          a[2]++;
        }
      }
    }
    List<PredictionRow> result = new ArrayList<>();
    for (PredictionRow p : rows) {
      double[] a = sums.get(key(p));
      result.add(
          a == null ? p : p.withLoro(a[0] / a[2], a[1] / a[2], (int) a[2], loroWarning(p, a)));
    }
    return best(result);
  }

  private static String key(PredictionRow p) {
    return p.quantity() + "|" + p.method();
  }

  /**
   * Losses are judged by relative error; scores by absolute error in points, since a score near
   * zero (a task that has not emerged) makes any relative error huge.
   */
  private static String loroWarning(PredictionRow p, double[] sums) {
    boolean loss = p.quantity().startsWith("val_loss") || p.quantity().contains("_loss");
    double err = loss ? sums[1] / sums[2] : sums[0] / sums[2];
    double limit = loss ? LORO_WARN : LORO_WARN_POINTS;
    if (!(err > limit)) {
      return null;
    }
    return loss
        ? String.format(
            Locale.ROOT, "leave-one-run-out error %.1f%%, above %.0f%%", 100 * err, 100 * limit)
        : String.format(
            Locale.ROOT, "leave-one-run-out error %.1f points, above %.0f", 100 * err, 100 * limit);
  }

  /** Marks, per quantity, the method with the smallest error: actual if known, else LORO. */
  private static List<PredictionRow> best(List<PredictionRow> rows) {
    Map<String, Integer> best = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      double e = score(rows.get(i));
      Integer b = best.get(rows.get(i).quantity());
      if (Double.isFinite(e) && (b == null || e < score(rows.get(b)))) {
        best.put(rows.get(i).quantity(), i);
      }
    }
    List<PredictionRow> out = new ArrayList<>(rows);
    best.values().forEach(i -> out.set(i, out.get(i).asBest()));
    return out;
  }

  private static double score(PredictionRow r) {
    if (r.predicted() == null) {
      return Double.NaN;
    }
    if (r.absError() != null) {
      return r.absError();
    }
    return r.loroAbsError() == null ? Double.NaN : r.loroAbsError();
  }

  /** Adds {@value #MEAN_ERROR}, 1 - the mean of the task scores, when tasks are configured. */
  private static Table withMeanError(Table t, PredictSpec spec) {
    if (spec.tasks().isEmpty() || t.columnNames().contains(MEAN_ERROR)) {
      return t;
    }
    double[] v = new double[t.rowCount()];
    for (int r = 0; r < t.rowCount(); r++) {
      double sum = 0;
      for (PredictSpec.TaskSpec task : spec.tasks()) {
        sum += CsvTables.number(t, task.score(), r);
      }
      v[r] = 1 - sum / spec.tasks().size();
    }
    Table copy = t.copy();
    copy.addColumns(DoubleColumn.create(MEAN_ERROR, v));
    return copy;
  }

  /**
   * Gadre et al.'s chain: L(N, D) = E + (a M^eta + b M^-eta) C^-eta on the final checkpoints, then
   * Err(L) = epsilon - k exp(-gamma L) on every sampling checkpoint (intermediate checkpoints are
   * valid (loss, error) samples, FLP's observation; the finals alone are too few here).
   */
  private static PredictionRow meanError(
      Table t, PredictSpec spec, List<Integer> sampling, List<Integer> finals, Target target) {
    // Gadre et al. map the mean error from one overall loss: the mixture's when the table has it.
    String loss =
        t.columnNames().contains("val_loss_mix")
            ? "val_loss_mix"
            : spec.losses().isEmpty() ? spec.tasks().get(0).loss() : spec.losses().get(0);
    double actual = target.actual(t, MEAN_ERROR);
    try {
      Observations nd = points(t, finals, List.of("n_params", "tokens"), loss, v -> v);
      FitResult lossFit =
          fit(
              new GadreLossLaw(),
              "ls",
              new Observations(List.of("N", "D"), "L", nd.x(), nd.y(), nd.runIds()));
      Observations le = points(t, sampling, List.of(loss), MEAN_ERROR, v -> v);
      FitResult errFit =
          fit(
              new GadreErrorLaw(),
              "ls",
              new Observations(List.of("L"), "Err", le.x(), le.y(), le.runIds()));
      List<Chain.Step> steps =
          Chain.predict(
              List.of(FitModel.of(lossFit, null), FitModel.of(errFit, null)),
              Map.of("N", target.nParams(), "D", target.tokens()),
              spec.level());
      Prediction p = steps.get(1).prediction();
      return PredictionRow.of(
          MEAN_ERROR,
          "gadre-chain",
          p.value(),
          p.lower(),
          p.upper(),
          actual,
          warning(p, lossFit.converged() && errFit.converged()));
    } catch (InputException e) {
      return PredictionRow.of(
          MEAN_ERROR, "gadre-chain", Double.NaN, Double.NaN, Double.NaN, actual, e.getMessage());
    }
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
      Table t, String col, List<Integer> finals, Target target, double level) {
    double actual = target.actual(t, col);
    double[] c = {target.flops()};
    Observations byC = byFlops(t, finals, col);
    List<PredictionRow> rows = new ArrayList<>();
    rows.add(
        lossRow(col, "flp-loss", () -> fit(new FlpLossLaw(), "ls-log", byC), c, actual, level));
    rows.add(lossRow(col, "power", () -> fit(new PowerLaw(), "ls-log", byC), c, actual, level));
    if (t.columnNames().contains("n_params") && t.columnNames().contains("tokens")) {
      Observations nd = points(t, finals, List.of("n_params", "tokens"), col, v -> v);
      Observations chin = new Observations(List.of("N", "D"), "L", nd.x(), nd.y(), nd.runIds());
      double[] at = {target.nParams(), target.tokens()};
      rows.add(
          lossRow(
              col,
              "chinchilla",
              () -> fit(new ChinchillaLaw(), "huber-log:1e-3", chin),
              at,
              actual,
              level));
    }
    return rows;
  }

  /** A loss method's row, or its refusal (too few runs for the law) as the row's warning. */
  private static PredictionRow lossRow(
      String q,
      String method,
      java.util.function.Supplier<FitResult> fit,
      double[] at,
      double actual,
      double level) {
    try {
      return row(q, method, fit.get(), at, actual, level);
    } catch (InputException e) {
      return PredictionRow.of(
          q, method, Double.NaN, Double.NaN, Double.NaN, actual, e.getMessage());
    }
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
      Target target,
      PredictSpec spec) {
    double actual = target.actual(t, task.score());
    double cStar = target.flops();
    double threshold = task.chance() + spec.margin();
    Observations ckpts =
        points(
            t,
            stage2Rows(t, sampling, task.score(), threshold),
            List.of(task.loss()),
            task.score(),
            v -> v);
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

  /**
   * The checkpoints of runs whose final score is above the threshold. FLP keeps checkpoints above
   * chance + 5 points; on 100-item tasks a run that never emerges still has lucky checkpoints above
   * that line (an untrained model guesses a few frequent words exactly), and those would feed stage
   * 2 noise. A run that has not emerged by its end contributes none.
   *
   * @param t the table
   * @param sampling rows of the sampling runs
   * @param score the score column
   * @param threshold chance + margin
   * @return the rows of runs whose final score is above the threshold
   */
  public static List<Integer> stage2Rows(
      Table t, List<Integer> sampling, String score, double threshold) {
    java.util.Set<String> emergedRuns = new java.util.HashSet<>();
    for (int f : sampling) {
      if (CsvTables.number(t, "is_final", f) == 1 && CsvTables.number(t, score, f) > threshold) {
        emergedRuns.add(t.column("run_id").getString(f));
      }
    }
    return sampling.stream()
        .filter(r -> emergedRuns.contains(t.column("run_id").getString(r)))
        .toList();
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
