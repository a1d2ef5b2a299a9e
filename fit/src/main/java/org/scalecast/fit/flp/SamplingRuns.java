package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.LawFitter;
import org.scalecast.fit.Objective;
import org.scalecast.fit.Observations;
import org.scalecast.fit.Prediction;
import org.scalecast.fit.ScalingLaw;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import tech.tablesaw.api.Table;

/**
 * What every method reads: the table, the sampling rows (all checkpoints) and their final rows, the
 * target, and the prediction spec. Fits that several methods share (FLP's stage 1 of a loss, the
 * emerged checkpoints of a task) are made once and reused, refusals included.
 */
public final class SamplingRuns {
  /** Intervals wider than this share of the prediction get a warning. */
  static final double WIDE = 0.2;

  /** The warning of a fit without an interval. */
  static final String NO_INTERVAL_WARNING =
      "no interval (parameters not identifiable from these points)";

  /**
   * The warning of a prediction from a fit that did not converge: never chosen ({@link
   * MethodChoice}).
   */
  static final String NOT_CONVERGED = "fit did not converge";

  /** The warning of an interval wider than {@link #WIDE} of its prediction. */
  static final String WIDE_WARNING =
      "interval wider than " + Math.round(100 * WIDE) + "% of the prediction";

  private final Table table;
  private final PredictSpec spec;
  private final List<Integer> sampling;
  private final List<Integer> finals;
  private final Target target;
  private final Map<String, Object> shared;
  private final Map<String, double[]> warm;
  private final Map<String, double[]> fitted;
  private final Refits refits;

  /**
   * Refits (leave-one-run-out, backtests) start from the full fit's parameters plus at most this
   * many points of the law's grid instead of its whole grid (chinchilla's is 4,500 starts): the
   * refit's points are the full fit's less a few runs, so its optimum lies near the full fit's; the
   * grid points guard against it having moved to another basin. 8 rather than 60: on the quickstart
   * every prediction, choice and warning is unchanged and leave-one-run-out errors move by less
   * than 1e-4, while a 40-run ladder's refits of stage 2 over thousands of checkpoints (the
   * sigmoid's grid has 162 starts) were most of predict's time (issue 10).
   */
  static final int REFIT_GRID = 8;

  /**
   * @param table the results table
   * @param spec what to predict
   * @param sampling rows of the sampling runs
   * @param target the target
   */
  SamplingRuns(Table table, PredictSpec spec, List<Integer> sampling, Target target) {
    this(table, spec, sampling, target, Map.of());
  }

  /**
   * @param table the results table
   * @param spec what to predict
   * @param sampling rows of the sampling runs
   * @param target the target
   * @param warm fitted parameters of the full fits by {@link #fit} key, to start refits from (empty
   *     for a full fit)
   */
  SamplingRuns(
      Table table,
      PredictSpec spec,
      List<Integer> sampling,
      Target target,
      Map<String, double[]> warm) {
    this(table, spec, sampling, target, warm, new Refits());
  }

  /**
   * @param table the results table
   * @param spec what to predict
   * @param sampling rows of the sampling runs
   * @param target the target
   * @param warm fitted parameters of the full fits by {@link #fit} key, to start refits from
   * @param refits refits made for other sets of sampling runs, to reuse where the points agree
   */
  SamplingRuns(
      Table table,
      PredictSpec spec,
      List<Integer> sampling,
      Target target,
      Map<String, double[]> warm,
      Refits refits) {
    this.refits = refits;
    this.warm = warm;
    this.table = table;
    this.spec = spec;
    this.sampling = List.copyOf(sampling);
    this.target = target;
    this.shared = new HashMap<>();
    this.fitted = new java.util.concurrent.ConcurrentHashMap<>();
    List<Integer> f = new ArrayList<>();
    for (int r : sampling) {
      if (CsvTables.flag(table, Columns.IS_FINAL, r)) {
        f.add(r);
      }
    }
    this.finals = List.copyOf(f);
  }

  private SamplingRuns(SamplingRuns same, Target target) {
    this.table = same.table;
    this.spec = same.spec;
    this.sampling = same.sampling;
    this.finals = same.finals;
    this.target = target;
    this.shared = same.shared;
    this.warm = same.warm;
    this.fitted = same.fitted;
    this.refits = same.refits;
  }

  /**
   * The same runs predicting another target, sharing every fit, emerged set and refusal made so far
   * or later: none depends on the target (methods read it only to predict at it), so a backtest
   * fits once for all the runs it holds out. Not for use from several threads at once.
   *
   * @param other the other target
   * @return a view of these runs for it
   */
  SamplingRuns withTarget(Target other) {
    return new SamplingRuns(this, other);
  }

  /**
   * @return the results table
   */
  public Table table() {
    return table;
  }

  /**
   * @return what to predict
   */
  public PredictSpec spec() {
    return spec;
  }

  /**
   * @return rows of the sampling runs, every checkpoint
   */
  public List<Integer> sampling() {
    return sampling;
  }

  /**
   * @return the sampling runs' final rows
   */
  public List<Integer> finals() {
    return finals;
  }

  /**
   * @return the target
   */
  public Target target() {
    return target;
  }

  /**
   * @return interval coverage
   */
  public double level() {
    return spec.level();
  }

  /**
   * @param column a column
   * @return whether the table has it
   */
  public boolean has(String column) {
    return table.columnNames().contains(column);
  }

  /**
   * @param rows rows of the table
   * @param inputs input columns
   * @param output output column
   * @param y applied to the output
   * @return the points, named by their columns
   */
  public Observations points(
      List<Integer> rows, List<String> inputs, String output, DoubleUnaryOperator y) {
    double[][] x = new double[rows.size()][inputs.size()];
    double[] v = new double[rows.size()];
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      int r = rows.get(i);
      for (int j = 0; j < inputs.size(); j++) {
        x[i][j] = CsvTables.number(table, inputs.get(j), r);
      }
      v[i] = y.applyAsDouble(CsvTables.number(table, output, r));
      ids.add(table.column(Columns.RUN_ID).getString(r));
    }
    return new Observations(inputs, output, x, v, ids);
  }

  /**
   * @param loss a loss column
   * @return the final rows as (C = flops) to L = the loss (the mean of each run's last k
   *     checkpoints with {@link Preparation#lastK})
   */
  public Observations byFlops(String loss) {
    return finalLosses(LossStage.FLP_LOSS, loss);
  }

  /**
   * @param stage a stage-1 law
   * @param loss a loss column
   * @return the final rows as the law's inputs (C, or N and D) to L = the loss, the mean of each
   *     run's last k checkpoints with {@link Preparation#lastK}
   */
  Observations finalLosses(LossStage stage, String loss) {
    Observations o = points(finals, stage.columns(), loss, v -> v);
    int k = spec.prepare().finalWindow();
    double[] y = o.y();
    if (k > 1) {
      y = new double[o.size()];
      for (int i = 0; i < y.length; i++) {
        List<Integer> rows = runRows().get(o.runIds().get(i));
        List<Integer> last = rows.subList(Math.max(0, rows.size() - k), rows.size());
        y[i] =
            last.stream().mapToDouble(r -> CsvTables.number(table, loss, r)).average().orElse(y[i]);
      }
    }
    return new Observations(stage.variables(), "L", o.x(), y, o.runIds());
  }

  /**
   * FLP's stage 1 of a loss, fitted once: {@code flp-loss} predicts the loss with it and every FLP
   * two-stage method of a task on that loss chains it.
   *
   * @param loss a loss column
   * @return L = (C/C_N)^alpha by least squares on logs over the final rows
   * @throws InputException when it cannot be fitted (the same refusal every time)
   */
  public FitResult stage1(String loss) {
    return lossFit(LossStage.FLP_LOSS, loss);
  }

  /**
   * A loss law fitted once per loss column: the loss method of its name predicts with it and every
   * task chain with it as stage 1 chains it.
   *
   * @param stage the law
   * @param loss a loss column
   * @return its fit over the final rows
   * @throws InputException when it cannot be fitted (the same refusal every time)
   */
  FitResult lossFit(LossStage stage, String loss) {
    return fit(
        "stage1|" + stage + "|" + loss,
        stage.law(),
        stage.objective(),
        () -> finalLosses(stage, loss));
  }

  /**
   * The emerged checkpoints of a task, chosen once for every stage-2 form, prepared as the spec's
   * {@link Preparation} says: each run's leading checkpoints dropped and the rest smoothed by a
   * trailing moving average (in step order) before the emergence threshold applies, then the anchor
   * point added.
   *
   * @param task a task
   * @return (loss, score) of the checkpoints above chance + margin of runs that end above it
   * @throws InputException when too few emerged
   */
  public Observations emerged(PredictSpec.TaskSpec task) {
    return once(
        "emerged|" + task.score() + "|" + task.loss(),
        () -> {
          double threshold = spec.emergence(task);
          List<Integer> rows = stage2Rows(table, sampling, task.score(), threshold);
          Preparation prep = spec.prepare();
          Observations ckpts =
              prep.reshapesStage2()
                  ? prepared(rows, task, prep)
                  : points(rows, List.of(task.loss()), task.score(), v -> v);
          Observations emerged = Flp.emerged(ckpts, threshold);
          return prep.anchor() == null ? emerged : withAnchor(emerged, prep.anchor());
        });
  }

  /**
   * A task's stage 2, fitted once for every stage 1 it is chained after.
   *
   * @param task the task
   * @param map the stage-2 map
   * @param points its points ({@link #emerged}, as the error for a map fitted on the error)
   * @return the fit
   */
  FitResult stage2Fit(PredictSpec.TaskSpec task, TaskMap map, Observations points) {
    // Through fit(key, ...), so backtest and leave-one-run-out refits start warm from this fit.
    return fit(
        "stage2|" + task.score() + "|" + task.loss() + "|" + map,
        Flp.stage2Law(map.law()),
        "ls",
        () -> Flp.stage2Points(points));
  }

  /** Per run, dropped and smoothed, in step order. */
  private Observations prepared(List<Integer> rows, PredictSpec.TaskSpec task, Preparation prep) {
    Set<Integer> keep = new HashSet<>(rows);
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> run : runRows().entrySet()) {
      List<Integer> mine = run.getValue().stream().filter(keep::contains).toList();
      if (mine.isEmpty()) {
        continue;
      }
      mine = mine.subList(prep.dropped(mine.size()), mine.size());
      double[] l =
          prep.smooth(
              mine.stream().mapToDouble(r -> CsvTables.number(table, task.loss(), r)).toArray());
      double[] p =
          prep.smooth(
              mine.stream().mapToDouble(r -> CsvTables.number(table, task.score(), r)).toArray());
      for (int i = 0; i < l.length; i++) {
        x.add(new double[] {l[i]});
        y.add(p[i]);
        ids.add(run.getKey());
      }
    }
    return new Observations(
        List.of(task.loss()),
        task.score(),
        x.toArray(double[][]::new),
        y.stream().mapToDouble(Double::doubleValue).toArray(),
        ids);
  }

  /** The anchor is a point of its own pseudo-run, so a bootstrap over runs draws it like a run. */
  private static Observations withAnchor(Observations o, Preparation.Anchor a) {
    double[][] x = Arrays.copyOf(o.x(), o.size() + 1);
    x[o.size()] = new double[] {a.loss()};
    double[] y = Arrays.copyOf(o.y(), o.size() + 1);
    y[o.size()] = a.score();
    List<String> ids = new ArrayList<>(o.runIds());
    ids.add(Preparation.Anchor.RUN);
    return new Observations(o.inputs(), o.output(), x, y, ids);
  }

  /** The sampling rows of each run in step order, runs in first-seen order. */
  private Map<String, List<Integer>> runRows() {
    return once(
        "runRows",
        () -> {
          Map<String, List<Integer>> byRun = new LinkedHashMap<>();
          for (int r : sampling) {
            byRun
                .computeIfAbsent(table.column(Columns.RUN_ID).getString(r), k -> new ArrayList<>())
                .add(r);
          }
          byRun
              .values()
              .forEach(
                  rs ->
                      rs.sort(
                          java.util.Comparator.comparingDouble(
                              r -> CsvTables.number(table, Columns.STEP, r))));
          return byRun;
        });
  }

  @SuppressWarnings("unchecked")
  private <T> T once(String key, Supplier<T> make) {
    Object v = shared.get(key);
    if (v == null) {
      try {
        v = make.get();
      } catch (InputException e) {
        v = e;
      }
      shared.put(key, v);
    }
    if (v instanceof InputException e) {
      throw new InputException(e.getMessage(), e);
    }
    return (T) v;
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
    Set<String> emergedRuns = new HashSet<>();
    for (int f : sampling) {
      if (CsvTables.flag(t, Columns.IS_FINAL, f) && CsvTables.number(t, score, f) > threshold) {
        emergedRuns.add(t.column(Columns.RUN_ID).getString(f));
      }
    }
    return sampling.stream()
        .filter(r -> emergedRuns.contains(t.column(Columns.RUN_ID).getString(r)))
        .toList();
  }

  /**
   * A fit made once per key (refusals included) and that refits start warm: from the full fit's
   * parameters under the same key and {@link #REFIT_GRID} points of the law's grid; a full fit uses
   * the whole grid and records its parameters under the key.
   *
   * @param key what is fitted, unique within a prediction (e.g. the quantity and the method): the
   *     same key must mean the same points for these sampling runs
   * @param law a law
   * @param objective an objective spec
   * @param obs points
   * @return the fit
   */
  FitResult fit(String key, ScalingLaw law, String objective, Observations obs) {
    return fit(key, law, objective, () -> obs);
  }

  private FitResult fit(String key, ScalingLaw law, String objective, Supplier<Observations> obs) {
    return once("fit|" + key, () -> fitNow(key, law, objective, obs.get()));
  }

  private FitResult fitNow(String key, ScalingLaw law, String objective, Observations obs) {
    LawFitter fitter = LawFitter.create().withObjective(Objective.parse(objective));
    double[] from = warm.get(key);
    if (from == null) {
      FitResult f = refits.of("full|" + key, obs, () -> fitter.fit(law, obs));
      fitted.put(key, f.params());
      return f;
    }
    List<double[]> grid = law.startGrid();
    List<double[]> starts = new ArrayList<>();
    starts.add(from);
    int step = Math.max(1, grid.size() / REFIT_GRID);
    for (int i = 0; i < grid.size(); i += step) {
      starts.add(grid.get(i));
    }
    // The warm start is part of the key: refits shared by targets (Targets#predictAll) may start
    // from different full fits.
    return refits.of(
        "warm|" + key + "|" + Arrays.toString(from), obs, () -> fitter.fitFrom(law, obs, starts));
  }

  /**
   * @return the parameters of the full fits made through {@link #fit(String, ScalingLaw, String,
   *     Observations)}, by key, for refits to start from
   */
  Map<String, double[]> fitted() {
    return fitted;
  }

  /**
   * @param f a fit of one stage
   * @param at where to predict
   * @param level coverage
   * @param points what it was fitted on
   * @return its prediction, with the usual warning
   */
  static MethodFit single(FitResult f, double[] at, double level, Observations points) {
    Prediction p = f.predict(at, level);
    return new MethodFit(
        p.value(),
        p.lower(),
        p.upper(),
        warning(p.value(), p.lower(), p.upper(), f.converged()),
        List.of(new MethodFit.Stage(f, points)));
  }

  /** On the scale the user reads (accuracy, not its normalised or error form). */
  static String warning(double value, double lower, double upper, boolean converged) {
    if (!converged) {
      return NOT_CONVERGED;
    }
    if (!Double.isFinite(lower) || !Double.isFinite(upper)) {
      return NO_INTERVAL_WARNING;
    }
    return wide(value, lower, upper) ? WIDE_WARNING : null;
  }

  /** Whether an interval is wider than {@link #WIDE} of its prediction. */
  static boolean wide(double value, double lower, double upper) {
    return upper - lower > WIDE * Math.abs(value);
  }
}
