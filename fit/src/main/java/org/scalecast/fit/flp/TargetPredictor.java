package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.scalecast.fit.FitResult;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.QuantityKind;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Predicts a target run from sampling runs in one results table, by every registered method ({@link
 * PredictionMethods}), beside the target's actual values, and checks every method by
 * leave-one-run-out on the sampling runs ({@link LeaveOneRunOutCheck}).
 *
 * <ul>
 *   <li>Losses ({@link QuantityKind#LOSS}): {@code flp-loss}, {@code power}, {@code chinchilla}.
 *   <li>Task scores ({@link QuantityKind#SCORE}): {@code direct}, {@code flp-exponential}, {@code
 *       flp-linear}, {@code flp-sigmoid}, and the other task chains, {@code power+...} and {@code
 *       chinchilla+...} ({@link TaskChainMethod}); {@code methods:} restricts them ({@link
 *       PredictSpec#runs}). A task without a loss column has no chain, and {@code direct-blend}
 *       instead of {@code direct} ({@link DirectBlendMethod}).
 *   <li>{@value Quantity#MEAN_ERROR}, 1 - the mean score over the configured tasks (a score):
 *       {@code gadre-chain}, {@code flp-loss+gadre-error}, {@code power+gadre-error}, {@code
 *       chinchilla+gadre-error} ({@link GadreChainMethod}).
 * </ul>
 *
 * <p>Refusals: a method that cannot fit gives a row without a prediction and the reason as its
 * warning ({@link PredictionRow#refusal}). A score is bounded to [0, 1]: a score method whose point
 * prediction for the target leaves [0, 1] is refused, with the value and the bound it crossed as
 * the reason (an accuracy of 19.6 is no prediction; kept as a number it could be picked as a best
 * method or fed into averages). Its leave-one-run-out error still counts such predictions of the
 * sampling runs with their full error, so the row shows how far the method strays. Intervals are
 * not clipped.
 *
 * <p>A fit with a parameter at its bound ({@link FitResult#atBounds}, e.g. chinchilla's E at 0)
 * gets a warning naming the parameter and saying when there is, as a result, no interval or no
 * leave-one-run-out error.
 *
 * <p>Columns: {@code run_id}, {@code flops}, {@code is_final}, {@code n_params}, {@code tokens},
 * optionally {@code role}, and the configured loss and score columns.
 */
public final class TargetPredictor {
  /** Leave-one-run-out mean relative errors of losses above this get a warning. */
  public static final double LORO_WARN = LeaveOneRunOutCheck.LORO_WARN;

  /** Leave-one-run-out mean absolute errors of scores above this (5 points) get a warning. */
  public static final double LORO_WARN_POINTS = LeaveOneRunOutCheck.LORO_WARN_POINTS;

  /** The quantity Gadre et al.'s chain predicts: 1 - the mean of the configured task scores. */
  public static final String MEAN_ERROR = Quantity.MEAN_ERROR;

  private TargetPredictor() {}

  /**
   * One method's row for one quantity, and its fits when it predicted.
   *
   * @param row the row
   * @param fit the fits, or null for a refusal
   */
  record Attempt(PredictionRow row, MethodFit fit) {}

  /**
   * @param t the results table
   * @param spec what to predict
   * @return one row per quantity and method, with its leave-one-run-out error, and the fits
   */
  public static Predictions predict(Table t, PredictSpec spec) {
    TableCheck.check(t, spec);
    Target.requireAboveTheLadder(t, spec, null);
    return predict(t, spec, new Refits());
  }

  /**
   * {@link #predict(Table, PredictSpec)} reusing the fits of {@code shared} (full fits and refits)
   * wherever a fit has the same key, starts and points, and adding its own: several targets of one
   * ladder share their sampling runs, so the second target refits nothing. A fit depends only on
   * those, so the predictions are the same as without sharing. The table is checked ({@link
   * TableCheck}) and a planned target's N and D ({@link Target#requireAboveTheLadder}) by the
   * caller, once for all targets before any is predicted.
   *
   * @param t the results table
   * @param spec what to predict
   * @param shared fits made for other targets of the same table and spec
   * @return the predictions
   */
  static Predictions predict(Table t, PredictSpec spec, Refits shared) {
    return finish(prepare(t, spec, shared), null);
  }

  /**
   * A target's rows with their fits and backtests, before the backtests make their intervals: a
   * ladder read in parts shrinks a task's too few backtest errors toward every part's tasks'
   * ({@link Backtest#apply(List, List)}), so each part is prepared before any is finished.
   *
   * @param target the target
   * @param spec what is predicted
   * @param rows every method's row, warned, without backtest summaries
   * @param fits the fits by {@link Predictions#key}
   * @param backtest the backtests' cases
   */
  record Pending(
      Target target,
      PredictSpec spec,
      List<PredictionRow> rows,
      Map<String, MethodFit> fits,
      Backtest backtest) {
    /**
     * @return the task errors this target's backtests give ({@link Backtest#taskErrors})
     */
    List<BacktestCase> taskErrors() {
      return backtest.taskErrors(rows);
    }
  }

  /**
   * @param p a prepared target
   * @param ladderTasks the ladder's task errors, or null for the target's own ({@link
   *     Backtest#apply(List, List)})
   * @return its predictions: intervals from the backtests, the method chosen in advance, refusals
   */
  static Predictions finish(Pending p, List<BacktestCase> ladderTasks) {
    List<PredictionRow> warned = p.backtest().apply(p.rows(), ladderTasks);
    List<PredictionRow> marked = new ArrayList<>(MethodChoice.mark(warned, p.spec().backtest()));
    // After the tasks' withheld numbers, which it averages.
    TaskMeanCheck.apply(marked, warned, scores(p.spec()));
    return new Predictions(p.target(), List.copyOf(marked), p.fits());
  }

  /** {@link #predict(Table, PredictSpec, Refits)} up to the backtests' intervals. */
  static Pending prepare(Table t, PredictSpec spec, Refits shared) {
    Table table = withMeanError(t, spec);
    Target target = Target.resolve(table, spec);
    List<Integer> sampling = Target.samplingRows(table, target);
    SamplingRuns full = new SamplingRuns(table, spec, sampling, target, Map.of(), shared);
    List<Attempt> attempts = predictAt(table, full).stream().map(TargetPredictor::bounded).toList();
    // Refits start from the full fits (SamplingRuns#fit): seconds instead of minutes.
    Map<String, double[]> warm = Map.copyOf(full.fitted());
    List<PredictionRow> rows = attempts.stream().map(Attempt::row).toList();
    if (spec.backtest().leaveOneRunOut() == BacktestSpec.Diagnostic.RUN) {
      rows = LeaveOneRunOutCheck.apply(table, spec, sampling, rows, warm, shared);
    }
    Map<String, MethodFit> fits = new HashMap<>();
    List<PredictionRow> warned = new ArrayList<>();
    // Once per target, for every mean-error row without a number.
    String lostRuns =
        rows.stream().anyMatch(r -> r.predicted() == null && r.quantity().equals(MEAN_ERROR))
            ? MeanErrorRuns.note(table, spec, sampling)
            : null;
    Map<String, List<String>> ofTask = taskWarnings(table, spec, full.finals());
    for (int i = 0; i < rows.size(); i++) {
      PredictionRow r = rows.get(i);
      for (String w : ofTask.getOrDefault(r.quantity(), List.of())) {
        r = r.withWarning(w);
      }
      MethodFit f = attempts.get(i).fit();
      if (f != null) {
        fits.put(Predictions.key(r.quantity(), r.method()), f);
        r = r.withWarning(atBoundWarning(r, f)).withWarning(oneValueWarning(f, target));
      }
      if (r.predicted() == null && r.quantity().equals(MEAN_ERROR)) {
        r = r.withWarning(lostRuns);
      }
      warned.add(r);
    }
    return new Pending(
        target, spec, warned, fits, Backtest.run(table, spec, sampling, target, warm, shared));
  }

  /**
   * Per task, what its sampling runs' final scores say of every method's row: that they fall with C
   * ({@link FallingScore}), or all end below chance ({@link BelowChance}).
   */
  private static Map<String, List<String>> taskWarnings(
      Table table, PredictSpec spec, List<Integer> finals) {
    Map<String, List<String>> out = new HashMap<>();
    for (PredictSpec.TaskSpec k : spec.tasks()) {
      List<String> w = new ArrayList<>();
      w.add(FallingScore.warning(table, finals, k.score()));
      w.add(BelowChance.warning(table, finals, k));
      w.removeIf(java.util.Objects::isNull);
      out.put(k.score(), w);
    }
    return out;
  }

  /**
   * Every method for one target from the given sampling rows.
   *
   * @param t the table
   * @param spec what to predict
   * @param sampling rows of the sampling runs
   * @param target the target
   * @return one attempt per quantity and method
   * @throws InputException when the table lacks a column every method needs
   */
  static List<Attempt> predictAt(Table t, PredictSpec spec, List<Integer> sampling, Target target) {
    return predictAt(t, new SamplingRuns(t, spec, sampling, target));
  }

  /**
   * @param t the table
   * @param runs the sampling runs, the target and the spec
   * @return one attempt per quantity and method
   */
  static List<Attempt> predictAt(Table t, SamplingRuns runs) {
    PredictSpec spec = runs.spec();
    Target target = runs.target();
    List<Attempt> out = new ArrayList<>();
    for (Quantity q : Quantity.of(spec, t.columnNames().contains(MEAN_ERROR))) {
      double actual = target.actual(t, q.column());
      for (PredictionMethod m : PredictionMethods.of(q.family())) {
        if (spec.runs(m) && m.appliesTo(q, runs)) {
          out.add(attempt(m, q, runs, actual));
        }
      }
    }
    return out;
  }

  private static Attempt attempt(PredictionMethod m, Quantity q, SamplingRuns runs, double actual) {
    MethodFit f;
    try {
      f = m.predict(q, runs);
    } catch (InputException e) {
      return new Attempt(
          PredictionRow.refusal(q.column(), q.kind(), m.name(), actual, e.getMessage()), null);
    }
    return new Attempt(
        PredictionRow.of(
            q.column(), q.kind(), m.name(), f.value(), f.lower(), f.upper(), actual, f.warning()),
        f);
  }

  /**
   * A score predicted outside [0, 1] is refused. Only the target's: leave-one-run-out keeps such
   * predictions with their full error, so that a method that leaves the bounds is judged by it.
   */
  private static Attempt bounded(Attempt a) {
    PredictionRow r = a.row();
    Double v = r.predicted();
    if (r.kind() != QuantityKind.SCORE || v == null || (v >= 0 && v <= 1)) {
      return a;
    }
    String reason =
        String.format(
            Locale.ROOT,
            "refused: predicted %.4g, %s a score's bound %d",
            v,
            v < 0 ? "below" : "above",
            v < 0 ? 0 : 1);
    return new Attempt(
        PredictionRow.refusal(
            r.quantity(),
            r.kind(),
            r.method(),
            r.actual() == null ? Double.NaN : r.actual(),
            reason),
        null);
  }

  /** The score columns of the config's tasks, which the mean error is over. */
  static List<String> scores(PredictSpec spec) {
    return spec.tasks().stream().map(PredictSpec.TaskSpec::score).toList();
  }

  /** Inputs whose sampling runs all share one value within this ratio tell the fit nothing. */
  static final double ONE_VALUE_RATIO = 1.1;

  /**
   * Where a law of N and D (chinchilla) is fitted on sampling runs that all have one D (or one N),
   * that input's effect is not measured: a Gemstones user's ladder trains every run to 350B tokens,
   * and chinchilla's only sign was its B at its bound 0.
   *
   * @return the warning, or null
   */
  static String oneValueWarning(MethodFit f, Target target) {
    List<String> out = new ArrayList<>();
    for (MethodFit.Stage s : f.stages()) {
      List<String> in = s.fit().law().inputs();
      double[][] x = s.points().x();
      if (in.size() < 2 || x.length == 0) {
        continue; // a law of one input has nothing to tell apart
      }
      for (int j = 0; j < in.size(); j++) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] p : x) {
          lo = Math.min(lo, p[j]);
          hi = Math.max(hi, p[j]);
        }
        if (lo > 0 && hi / lo < ONE_VALUE_RATIO) {
          out.add(oneValue(s.fit().law().name(), in.get(j), lo, hi, target));
        }
      }
    }
    return out.isEmpty() ? null : String.join("; ", out);
  }

  private static String oneValue(String law, String input, double lo, double hi, Target target) {
    Double at = null;
    if (input.equals("N")) {
      at = target.nParams();
    } else if (input.equals("D")) {
      at = target.tokens();
    }
    boolean outside = at != null && (at > hi * ONE_VALUE_RATIO || at < lo / ONE_VALUE_RATIO);
    return String.format(
        Locale.ROOT,
        "every sampling run has %s = %.3g: %s cannot tell %s's effect%s",
        input,
        Math.sqrt(lo * hi),
        law,
        input,
        outside
            ? String.format(Locale.ROOT, ", and the target's %s = %.3g is a guess", input, at)
            : "");
  }

  /**
   * @return which parameters sit at their bounds, and what that cost (no interval, no
   *     leave-one-run-out error), or null when none does
   */
  private static String atBoundWarning(PredictionRow r, MethodFit f) {
    List<String> at = new ArrayList<>();
    for (MethodFit.Stage s : f.stages()) {
      FitResult fit = s.fit();
      fit.atBounds()
          .forEach(
              (name, bound) ->
                  at.add(
                      String.format(
                          Locale.ROOT,
                          "%s's %s at its bound %s",
                          fit.law().name(),
                          name,
                          bound == Math.rint(bound)
                              ? Long.toString((long) (double) bound)
                              : bound)));
    }
    if (at.isEmpty()) {
      return null;
    }
    List<String> lost = new ArrayList<>();
    if (r.lower() == null && (r.warning() == null || !r.warning().contains("no interval"))) {
      lost.add("no interval");
    }
    if (r.loroAbsError() == null) {
      lost.add("no leave-one-run-out error");
    }
    return String.join(", ", at) + (lost.isEmpty() ? "" : ": " + String.join(", ", lost));
  }

  /**
   * Adds {@value #MEAN_ERROR}, 1 - the mean of the task scores, when tasks are configured, and
   * {@value Quantity#MEAN_TASK_LOSS} when {@link #taskLosses} says so.
   */
  private static Table withMeanError(Table t, PredictSpec spec) {
    if (spec.tasks().isEmpty() || t.columnNames().contains(MEAN_ERROR)) {
      return t;
    }
    double[] error = rowMeans(t, spec.tasks().stream().map(PredictSpec.TaskSpec::score).toList());
    for (int r = 0; r < error.length; r++) {
      error[r] = 1 - error[r];
    }
    Table copy = t.copy();
    copy.addColumns(DoubleColumn.create(MEAN_ERROR, error));
    List<String> losses = spec.tasks().stream().map(PredictSpec.TaskSpec::loss).toList();
    // A table of scores without losses (released models' published results) has no task loss to
    // average: then no chain applies to the mean error (GadreChainMethod.appliesTo).
    if (taskLosses(spec)
        && t.columnNames().containsAll(losses)
        && !t.columnNames().contains(Quantity.MEAN_TASK_LOSS)) {
      copy.addColumns(DoubleColumn.create(Quantity.MEAN_TASK_LOSS, rowMeans(t, losses)));
    }
    return copy;
  }

  /**
   * Each row's mean over the columns; NaN where one is missing (a target not evaluated on every
   * task: its mean error is unknown, not an error; a sampling row without one is left out of the
   * mean error's fits by the ladder's reading).
   */
  private static double[] rowMeans(Table t, List<String> columns) {
    double[] out = new double[t.rowCount()];
    for (int r = 0; r < out.length; r++) {
      double sum = 0;
      for (String c : columns) {
        sum += CsvTables.column(t, c).isMissing(r) ? Double.NaN : CsvTables.number(t, c, r);
      }
      out[r] = sum / columns.size();
    }
    return out;
  }

  /**
   * Whether every task maps from a loss of its own (its column is no other task's and no configured
   * domain loss, e.g. the bits per byte of the correct answer): the mean error's chains then map
   * from the mean of those, as the published ladder method maps each task from its own (Bhagia et
   * al. 2024). From the C4 loss the OLMo ladder's chains predicted the 13B's mean error at
   * 0.02-0.10 against 0.284; from the mean task loss, 0.04-0.28.
   */
  static boolean taskLosses(PredictSpec spec) {
    Set<String> seen = new HashSet<>();
    for (PredictSpec.TaskSpec task : spec.tasks()) {
      if (spec.losses().contains(task.loss()) || !seen.add(task.loss())) {
        return false;
      }
    }
    return !seen.isEmpty();
  }
}
