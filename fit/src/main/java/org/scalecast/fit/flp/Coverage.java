package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.QuantityKind;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Measures whether the predictions and their intervals hold: every run of a ladder is predicted, as
 * if it were the target, from the runs with at most a given share of its compute (Gadre et al.
 * 2024's protocol: a quarter), by {@link TargetPredictor#predict} exactly as {@code predict} does
 * (backtests, choice, widening, refusals included), and each method's error, interval coverage and
 * interval width are gathered per quantity.
 */
public final class Coverage {
  /** The method name under which the method chosen in advance is summarised. */
  public static final String CHOSEN = "chosen in advance";

  /** No run of the table has {@link #MIN_SMALLER_RUNS} runs below it at the ratio asked. */
  public static final class TooFewRuns extends InputException {
    TooFewRuns(String message) {
      super(message);
    }
  }

  /** Runs a run needs below it to be backtested: enough to fit and to backtest the fit. */
  public static final int MIN_SMALLER_RUNS = BacktestSpec.MIN_FIT_RUNS + 2;

  private Coverage() {}

  /**
   * One quantity and method over the predicted runs.
   *
   * @param quantity the quantity
   * @param method a method, or {@link #CHOSEN}
   * @param kind loss or score
   * @param cases runs it predicted
   * @param refused runs where it gave no number
   * @param meanError mean error (relative for losses, points for scores)
   * @param covered runs whose actual value lay in the interval
   * @param withInterval runs where it gave an interval and the actual value is known
   * @param medianWidth median interval width (relative to the prediction for losses)
   * @param noInterval runs where it predicted without an interval
   */
  public record Row(
      String quantity,
      String method,
      QuantityKind kind,
      int cases,
      int refused,
      double meanError,
      int covered,
      int withInterval,
      double medianWidth,
      int noInterval) {
    /**
     * @return the share of intervals that covered the actual value, NaN when none
     */
    public double coverage() {
      return withInterval == 0 ? Double.NaN : (double) covered / withInterval;
    }
  }

  /**
   * One run predicted as a target: every row {@code predict} gives for it.
   *
   * @param run the run predicted
   * @param samplingRuns how many runs it was predicted from
   * @param rows its prediction rows (every method; the chosen one marked)
   */
  public record Case(String run, int samplingRuns, List<PredictionRow> rows) {}

  /**
   * @param t the ladder
   * @param spec what to predict (its target is ignored: every run is a target in turn)
   * @param maxComputeRatio a run is predicted from the runs with at most this share of its compute
   * @return one row per quantity and method, then per quantity for the method chosen in advance
   * @throws InputException when no run has enough smaller runs
   */
  public static List<Row> measure(Table t, PredictSpec spec, double maxComputeRatio) {
    return summarise(cases(t, spec, maxComputeRatio));
  }

  /**
   * @param t the ladder
   * @param spec what to predict (its target is ignored: every run is a target in turn)
   * @param maxComputeRatio a run is predicted from the runs with at most this share of its compute
   * @return every run that had enough smaller runs, predicted
   * @throws InputException when no run has enough smaller runs
   */
  public static List<Case> cases(Table t, PredictSpec spec, double maxComputeRatio) {
    return cases(t, spec, maxComputeRatio, Progress.NONE);
  }

  /** Hears of each run before it is predicted: a backtest of 100 runs said nothing for minutes. */
  @FunctionalInterface
  public interface Progress {
    /** Says nothing. */
    Progress NONE = (run, k, n) -> {};

    /**
     * @param run the run about to be predicted (and, for a ladder read in parts, which quantity's
     *     part)
     * @param k its place, from 1
     * @param n how many runs have enough smaller runs to be predicted
     */
    void next(String run, int k, int n);
  }

  /**
   * {@link #cases(Table, PredictSpec, double)}, saying which run it predicts.
   *
   * @param t the ladder
   * @param spec what to predict
   * @param maxComputeRatio a run is predicted from the runs with at most this share of its compute
   * @param progress hears of each run before it is predicted
   * @return every run that had enough smaller runs, predicted
   * @throws InputException when no run has enough smaller runs
   */
  public static List<Case> cases(
      Table t, PredictSpec spec, double maxComputeRatio, Progress progress) {
    // As predict would: with prepare: auto, chosen by this run's own backtests, so the coverage
    // measured is the choice's (it was applied to every run, and said so in a note).
    return perRun(
            t,
            spec,
            maxComputeRatio,
            progress,
            (sub, one, fits) ->
                PreparationChoice.one(one, x -> TargetPredictor.predict(sub, x, fits)).first())
        .stream()
        .map(r -> new Case(r.run(), r.samplingRuns(), r.result().rows()))
        .toList();
  }

  /**
   * How one run is predicted from the runs below it.
   *
   * @param <R> what it makes
   */
  @FunctionalInterface
  interface RunPredictor<R> {
    /**
     * @param sub the run and the runs below it, no role column
     * @param one the config with the run as target
     * @param fits fits shared by every run
     * @return what is made of it
     * @throws InputException when the run cannot be predicted (it is left out)
     */
    R predict(Table sub, PredictSpec one, Refits fits);
  }

  /**
   * One run predicted.
   *
   * @param run the run
   * @param samplingRuns how many runs it was predicted from
   * @param result what was made of it
   * @param <R> its type
   */
  record Run<R>(String run, int samplingRuns, R result) {}

  /**
   * {@link #cases(Table, PredictSpec, double, Progress)} with each run predicted by {@code f}: a
   * ladder read in parts prepares every part's runs before it finishes any ({@link QuantityParts}).
   */
  static <R> List<Run<R>> perRun(
      Table t, PredictSpec spec, double maxComputeRatio, Progress progress, RunPredictor<R> f) {
    TableCheck.check(t, spec);
    Map<String, Integer> finals = new LinkedHashMap<>();
    for (int r = 0; r < t.rowCount(); r++) {
      if (CsvTables.flag(t, Columns.IS_FINAL, r)) {
        finals.put(t.column(Columns.RUN_ID).getString(r), r);
      }
    }
    Map<String, Set<String>> predictable = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> target : finals.entrySet()) {
      double c = CsvTables.number(t, Columns.FLOPS, target.getValue());
      Set<String> below = new LinkedHashSet<>();
      finals.forEach(
          (run, r) -> {
            if (CsvTables.number(t, Columns.FLOPS, r) <= maxComputeRatio * c) {
              below.add(run);
            }
          });
      if (below.size() >= MIN_SMALLER_RUNS) { // else too few smaller runs to fit and backtest
        predictable.put(target.getKey(), below);
      }
    }
    List<Run<R>> out = new ArrayList<>();
    // One store of fits for every run: runs whose smaller runs, or their backtests' holdouts,
    // give a fit the same points share it (a fit depends only on them), so the cases are the
    // same as with a store each.
    Refits fits = new Refits();
    int k = 0;
    for (Map.Entry<String, Set<String>> target : predictable.entrySet()) {
      Set<String> below = target.getValue();
      progress.next(target.getKey(), ++k, predictable.size());
      List<Integer> keep = new ArrayList<>();
      for (int r = 0; r < t.rowCount(); r++) {
        String run = t.column(Columns.RUN_ID).getString(r);
        if (run.equals(target.getKey()) || below.contains(run)) {
          keep.add(r);
        }
      }
      Table sub = t.rows(keep.stream().mapToInt(Integer::intValue).toArray());
      if (sub.columnNames().contains(Columns.ROLE)) {
        sub.removeColumns(Columns.ROLE); // the target is named below, every other run samples
      }
      // withTarget keeps the config's extra methods and preparations: a coverage measured
      // without them would not be the coverage of what predict does.
      PredictSpec one = spec.withTarget(Map.of(Columns.RUN_ID, target.getKey()), null);
      R p;
      try {
        p = f.predict(sub, one, fits);
      } catch (InputException e) {
        continue;
      }
      out.add(new Run<>(target.getKey(), below.size(), p));
    }
    if (out.isEmpty()) {
      // How far the ratio must go for the largest run to be predicted: the new user with a
      // 6-model ladder was told only that no run qualified.
      List<Double> c =
          finals.values().stream()
              .map(r -> CsvTables.number(t, Columns.FLOPS, r))
              .sorted()
              .toList();
      int need = MIN_SMALLER_RUNS;
      String hint =
          c.size() > need
              ? "; the largest run has "
                  + need
                  + " below it at --max-compute-ratio "
                  + new java.math.BigDecimal(c.get(need - 1) / c.get(c.size() - 1))
                      .round(new java.math.MathContext(2, java.math.RoundingMode.CEILING))
                      .toPlainString()
              // "The ladder has 5 runs" read as wrong to a new user who had 3 and 2 targets.
              : "; the ladder has "
                  + c.size()
                  + " runs, its targets included, and this needs "
                  + (need + 1);
      throw new TooFewRuns(
          "no run has at least "
              + need
              + " runs with at most "
              + maxComputeRatio
              + " of its compute to predict it from"
              + hint);
    }
    return out;
  }

  /**
   * @param cases the predicted runs
   * @return one row per run, quantity and method: prediction, interval, actual value, error,
   *     whether the interval held, the backtests' expected error and the extrapolation distance
   *     (for {@code backtest --cases}: which runs a method missed, and by how much)
   */
  public static Table casesTable(List<Case> cases) {
    StringColumn run = StringColumn.create(Columns.RUN_ID);
    IntColumn sampling = IntColumn.create("sampling_runs");
    StringColumn quantity = StringColumn.create("quantity");
    StringColumn method = StringColumn.create("method");
    BooleanColumn chosen = BooleanColumn.create("chosen_in_advance");
    DoubleColumn[] num = {
      DoubleColumn.create("predicted"),
      DoubleColumn.create("lower"),
      DoubleColumn.create("upper"),
      DoubleColumn.create("actual"),
      DoubleColumn.create("error"),
      DoubleColumn.create("expected_error"),
      DoubleColumn.create("target_distance")
    };
    BooleanColumn covered = BooleanColumn.create("covered");
    StringColumn warning = StringColumn.create("warning");
    for (Case c : cases) {
      for (PredictionRow r : c.rows()) {
        run.append(c.run());
        sampling.append(c.samplingRuns());
        quantity.append(r.quantity());
        method.append(r.method());
        chosen.append(r.chosenInAdvance());
        BacktestSummary b = r.backtest();
        Double[] v = {
          r.predicted(),
          r.lower(),
          r.upper(),
          r.actual(),
          r.error(),
          b == null ? null : b.expectedError(),
          b == null ? null : b.targetDistance()
        };
        for (int i = 0; i < num.length; i++) {
          num[i].append(v[i] == null ? Double.NaN : v[i]);
        }
        Boolean in = r.covered();
        if (in == null) {
          covered.appendMissing();
        } else {
          covered.append(in);
        }
        warning.append(r.warning() == null ? "" : r.warning());
      }
    }
    Table t = Table.create("backtest cases", run, sampling, quantity, method, chosen);
    t.addColumns(num);
    return t.addColumns(covered, warning);
  }

  /**
   * @param cases the predicted runs
   * @return per quantity, in the order first met: one row per method, then the method chosen in
   *     advance (last in its quantity's rows, wherever its first case fell)
   */
  public static List<Row> summarise(List<Case> cases) {
    Map<String, Map<String, List<PredictionRow>>> byQuantity = new LinkedHashMap<>();
    for (Case c : cases) {
      for (PredictionRow r : c.rows()) {
        Map<String, List<PredictionRow>> methods =
            byQuantity.computeIfAbsent(r.quantity(), k -> new LinkedHashMap<>());
        methods.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
        if (r.chosenInAdvance()) {
          methods.computeIfAbsent(CHOSEN, k -> new ArrayList<>()).add(r);
        }
      }
    }
    List<Row> out = new ArrayList<>();
    for (Map<String, List<PredictionRow>> methods : byQuantity.values()) {
      methods.forEach(
          (method, rows) -> {
            if (!method.equals(CHOSEN)) {
              out.add(summarise(method, rows));
            }
          });
      if (methods.containsKey(CHOSEN)) {
        out.add(summarise(CHOSEN, methods.get(CHOSEN)));
      }
    }
    return out;
  }

  private static Row summarise(String method, List<PredictionRow> rows) {
    PredictionRow first = rows.get(0);
    int refused = 0;
    int covered = 0;
    int withInterval = 0;
    int noInterval = 0;
    double errSum = 0;
    int errN = 0;
    List<Double> widths = new ArrayList<>();
    for (PredictionRow r : rows) {
      if (r.predicted() == null) {
        refused++;
        continue;
      }
      if (r.error() != null) {
        errSum += r.error();
        errN++;
      }
      if (r.lower() == null) {
        noInterval++;
      }
      Boolean in = r.covered();
      if (in != null) {
        withInterval++;
        if (in) {
          covered++;
        }
        double w = r.upper() - r.lower();
        widths.add(first.kind() == QuantityKind.LOSS ? w / Math.abs(r.predicted()) : w);
      }
    }
    double[] w = widths.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median =
        w.length == 0
            ? Double.NaN
            : w.length % 2 == 1 ? w[w.length / 2] : (w[w.length / 2 - 1] + w[w.length / 2]) / 2;
    return new Row(
        first.quantity(),
        method,
        first.kind(),
        rows.size(),
        refused,
        errN == 0 ? Double.NaN : errSum / errN,
        covered,
        withInterval,
        median,
        noInterval);
  }
}
