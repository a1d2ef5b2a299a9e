package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.QuantityKind;
import tech.tablesaw.api.Table;

/**
 * Backtests: the top of the ladder's compute range is held out (the runs above a compute quantile,
 * or the largest sizes: {@link BacktestSpec}), every method is fitted on the rest and predicts the
 * held-out runs' final values. Unlike leave-one-run-out, which mostly interpolates, this measures
 * extrapolation, which is what predicting a larger target is.
 *
 * <p>Each case's error is divided by its extrapolation distance d = log10(C_held / max C_fitted),
 * floored at {@link #MIN_DISTANCE} decades, plus an offset d0 ({@link
 * BacktestSpec#distanceOffset}), so that errors measured at short distances say what to expect at
 * the target's distance d*: times (d* + d0). Errors of an extrapolated law grow with distance, but
 * do not vanish at d = 0; the growth is an assumption, checked by {@code scalecast backtest}. A
 * method's expected error at the target is the mean of these scaled errors, each case weighted by 1
 * / (1 + |ln(d / d*)|), toward the cases whose distance is the target's.
 *
 * <p>Intervals: split conformal prediction (Vovk et al. 2005, Algorithmic Learning in a Random
 * World; Lei et al. 2018, Distribution-Free Predictive Inference for Regression, JASA) on the
 * scaled errors as nonconformity scores: with n cases, the ceil((n + 1) level)-th smallest score q
 * bounds a new exchangeable case's score with probability at least level, so prediction +- q (d* +
 * d0) (relative to the prediction for a loss, in points for a score) is the interval. The scores
 * are pooled over the quantity's credible methods (expected error within the refusal threshold, or
 * within the row's own): the chosen method won on these same backtests, so its own scores are
 * biased low (the winner's curse), and on Gadre et al.'s ladder the intervals from its own scores
 * covered 43-62% of the losses kept after refusals where 90% was asked ({@code docs/coverage.md}).
 * When n is too small for the level (ceil((n + 1) level) > n: fewer than 9 scores at 90%) there is
 * no distribution-free guarantee, and the largest of n scores bounds a new one only with
 * probability n / (n + 1) (75% for 3). The bound is then parametric ({@link
 * Conformal#smallSampleBound}): with the signed scaled errors taken as normal with mean 0 and an
 * unknown scale, a new error over the root mean square of n scores is Student-t with n degrees of
 * freedom, so t_{n, (1 + level) / 2} times that root mean square bounds it with probability level;
 * never less than the largest score. The interval is the union of the fit's own interval and
 * prediction +- that bound times the target's reach on the row's scale ((d* + d0) on distance, the
 * target's leverage on leverage: a task's too few cases cannot validate the scale, so since the
 * twenty-fourth session it takes leverage, {@link ScaleChoice}), and the row says so. The interval
 * is made, from the summary, by {@link Widening}.
 *
 * <p>The scale (twelfth session, {@link BacktestSpec#intervalScale}): instead of d + d0, the errors
 * can be divided by each case's {@link Conformal#leverage} over its fitted runs and the bound
 * multiplied by the target's over every sampling run, prediction +- q h*. Which one a row's
 * interval uses is chosen on its pooled cases by {@link ScaleChoice}; the expected error (choice,
 * refusal) stays on distance, and so does the band the disagreement refusal is also judged against
 * ({@link BacktestSummary#distanceLower}).
 */
public final class Backtest {
  /** Extrapolation distances below this (in decades of compute) count as this. */
  static final double MIN_DISTANCE = 0.1;

  /** The interval pools the scores of at least this many methods, the best by expected error. */
  static final int MIN_POOLED_METHODS = 3;

  /** How the warning of a task no sampling run has emerged on begins (a refusal drops it). */
  static final String NOT_YET_EMERGED = "no sampling run ended above the emergence threshold";

  /** Part of the note of an interval made from too few cases for a conformal bound. */
  static final String STUDENT_T = "interval from a Student-t bound on";

  /** The note of a task's interval at chance without a fit interval: the threshold band alone. */
  static final String BAND_ALONE = "the interval is the threshold band alone";

  /** The note of an interval the fit had none of: the backtests' alone. */
  static final String BACKTESTS_ALONE = "the interval is the backtests' alone";

  private final Map<String, List<BacktestCase>> cases;
  private final double targetDistance;
  private final double targetLeverage;
  private final double level;
  private final BacktestSpec spec;
  private final Map<String, Double> emergence;
  private final Set<String> unemerged;
  private final Widening widening;

  private Backtest(
      Map<String, List<BacktestCase>> cases,
      double targetDistance,
      double targetLeverage,
      double level,
      BacktestSpec spec,
      Map<String, Double> emergence,
      Set<String> unemerged,
      Map<String, Integer> items) {
    this.emergence = emergence;
    this.widening = new Widening(targetLeverage, level, spec, emergence, unemerged, items);
    this.unemerged = unemerged;
    this.cases = cases;
    this.targetDistance = targetDistance;
    this.targetLeverage = targetLeverage;
    this.level = level;
    this.spec = spec;
  }

  /**
   * @param cases the cases by {@link Predictions#key}
   * @param targetDistance d*
   * @param level interval coverage
   * @param spec thresholds and d0
   * @return backtests of known cases (for tests)
   */
  static Backtest of(
      Map<String, List<BacktestCase>> cases,
      double targetDistance,
      double level,
      BacktestSpec spec) {
    return of(cases, targetDistance, level, spec, Map.of());
  }

  /**
   * {@link #of} with tasks' item counts.
   *
   * @param items item count by task score column
   */
  static Backtest of(
      Map<String, List<BacktestCase>> cases,
      double targetDistance,
      double level,
      BacktestSpec spec,
      Map<String, Integer> items) {
    return of(cases, targetDistance, Double.NaN, level, spec, items);
  }

  /**
   * {@link #of} with the target's leverage, for the leverage and backtest interval scales.
   *
   * @param targetLeverage the target's leverage over the sampling runs
   * @param items item count by task score column
   */
  static Backtest of(
      Map<String, List<BacktestCase>> cases,
      double targetDistance,
      double targetLeverage,
      double level,
      BacktestSpec spec,
      Map<String, Integer> items) {
    return new Backtest(
        cases, targetDistance, targetLeverage, level, spec, Map.of(), Set.of(), items);
  }

  /**
   * {@link #of} for tasks, every one emerged: their too few errors are shrunk toward each other's.
   *
   * @param emergence each task's emergence threshold by score column
   * @param unemerged the tasks no sampling run has emerged on
   * @return backtests of known cases (for tests)
   */
  static Backtest ofTasks(
      Map<String, List<BacktestCase>> cases,
      double targetDistance,
      double level,
      BacktestSpec spec,
      Map<String, Double> emergence,
      Set<String> unemerged) {
    return new Backtest(
        cases, targetDistance, Double.NaN, level, spec, emergence, unemerged, Map.of());
  }

  /**
   * {@link #of} for a task that no sampling run has emerged on.
   *
   * @param task the task's score column
   * @param threshold its emergence threshold
   * @return backtests of known cases (for tests)
   */
  static Backtest unemerged(
      Map<String, List<BacktestCase>> cases,
      double targetDistance,
      double level,
      BacktestSpec spec,
      String task,
      double threshold) {
    return new Backtest(
        cases,
        targetDistance,
        Double.NaN,
        level,
        spec,
        Map.of(task, threshold),
        Set.of(task),
        Map.of());
  }

  /**
   * @param t the table
   * @param spec what to predict, with its {@link BacktestSpec}
   * @param sampling rows of the sampling runs
   * @param target the target
   * @param warm the full fits' parameters, to start refits from
   * @return the backtests' cases
   */
  public static Backtest run(
      Table t,
      PredictSpec spec,
      List<Integer> sampling,
      Target target,
      Map<String, double[]> warm) {
    return run(t, spec, sampling, target, warm, new Refits());
  }

  /**
   * {@link #run(Table, PredictSpec, List, Target, Map)} reusing the fits of {@code refits} where a
   * split gives a fit the same points, and adding its own.
   */
  static Backtest run(
      Table t,
      PredictSpec spec,
      List<Integer> sampling,
      Target target,
      Map<String, double[]> warm,
      Refits refits) {
    Map<String, Integer> finals = new LinkedHashMap<>();
    for (int r : sampling) {
      if (CsvTables.flag(t, Columns.IS_FINAL, r)) {
        finals.put(t.column(Columns.RUN_ID).getString(r), r);
      }
    }
    double[] finalC =
        finals.values().stream().mapToDouble(r -> CsvTables.number(t, Columns.FLOPS, r)).toArray();
    double maxC = Arrays.stream(finalC).max().orElse(Double.NaN);
    double dStar = Math.log10(target.flops() / maxC);
    Map<String, List<BacktestCase>> out = new LinkedHashMap<>();
    // The splits are fitted in parallel; their cases are gathered in split order.
    List<List<BacktestCase>> bySplit =
        Holdouts.splits(t, spec.backtest(), finals, dStar).entrySet().parallelStream()
            .map(
                s ->
                    Holdouts.splitCases(
                        t, spec, sampling, finals, s.getKey(), s.getValue(), warm, refits))
            .toList();
    for (BacktestCase c : bySplit.stream().flatMap(List::stream).toList()) {
      out.computeIfAbsent(Predictions.key(c.quantity(), c.method()), k -> new ArrayList<>()).add(c);
    }
    Map<String, Double> emergence = new LinkedHashMap<>();
    Set<String> unemerged = new LinkedHashSet<>();
    Map<String, Integer> items = new LinkedHashMap<>();
    for (PredictSpec.TaskSpec k : spec.tasks()) {
      emergence.put(k.score(), spec.emergence(k));
      if (k.items() != null) {
        items.put(k.score(), k.items());
      }
      if (finals.values().stream().noneMatch(r -> reaches(t, k.score(), r, spec.emergence(k)))) {
        unemerged.add(k.score());
      }
    }
    double hStar =
        Conformal.leverage(
            Arrays.stream(finalC).map(Math::log10).toArray(), Math.log10(target.flops()));
    return new Backtest(
        out, dStar, hStar, spec.level(), spec.backtest(), emergence, unemerged, items);
  }

  /**
   * Whether a row's score is a number above the threshold: {@link SamplingRuns#stage2Rows}'s test
   * for a run that emerged. A missing or unreadable score has not emerged (the methods that read it
   * refuse on their own, with its cell named).
   */
  private static boolean reaches(Table t, String score, int row, double threshold) {
    try {
      return !t.column(score).isMissing(row) && CsvTables.number(t, score, row) > threshold;
    } catch (InputException e) {
      return false;
    }
  }

  /**
   * @param targetDistance d*, decades
   * @param offset d0
   * @return d* (at least {@link #MIN_DISTANCE}) + d0: what a per-decade error is multiplied by
   */
  static double reach(double targetDistance, double offset) {
    return Math.max(targetDistance, MIN_DISTANCE) + offset;
  }

  /**
   * What a half-width in the kind's error unit is multiplied by: |prediction| for a loss, else 1.
   */
  static double unit(QuantityKind kind, double predicted) {
    return kind == QuantityKind.LOSS ? Math.abs(predicted) : 1;
  }

  /**
   * @param quantity a quantity
   * @param method a method
   * @return its cases, in order
   */
  public List<BacktestCase> cases(String quantity, String method) {
    return cases.getOrDefault(Predictions.key(quantity, method), List.of());
  }

  /**
   * @return every case
   */
  public List<BacktestCase> cases() {
    return cases.values().stream().flatMap(List::stream).toList();
  }

  /**
   * @param rows the target's rows
   * @return them with their backtest summaries and intervals widened by them
   */
  public List<PredictionRow> apply(List<PredictionRow> rows) {
    return apply(rows, null);
  }

  /**
   * @param rows the target's rows
   * @param ladderTasks the ladder's task errors a task's too few are shrunk toward ({@link
   *     #taskErrors} of every part, where the ladder is read in parts: a part holds one quantity),
   *     or null for this backtest's own over these rows
   * @return them with their backtest summaries and intervals widened by them
   */
  List<PredictionRow> apply(List<PredictionRow> rows, List<BacktestCase> ladderTasks) {
    Pools p = pools(rows);
    List<BacktestCase> tasks =
        ladderTasks != null ? ladderTasks : taskPool(rows, p.expected(), p.pools());
    List<PredictionRow> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      PredictionRow r = rows.get(i);
      List<BacktestCase> pool = p.pools().get(i);
      List<BacktestCase> own = cases(r.quantity(), r.method());
      List<BacktestCase> used = pool.isEmpty() ? own : pool;
      // Only a task's too few errors are shrunk, and only toward more errors than its own.
      List<BacktestCase> ladder =
          emergence.containsKey(r.quantity())
                  && !Conformal.enough(used.size(), level)
                  && tasks.size() > used.size()
              ? tasks
              : List.of();
      BacktestSummary s = summary(r, own, p.expected().get(i), pool, ladder);
      out.add(judgedWidth(widening.widen(r, s, ladder.size())));
    }
    return out;
  }

  /**
   * @param rows the target's rows, before {@link #apply}
   * @return the task errors {@link #apply} shrinks a task's too few toward, over these rows
   */
  List<BacktestCase> taskErrors(List<PredictionRow> rows) {
    Pools p = pools(rows);
    return taskPool(rows, p.expected(), p.pools());
  }

  /** Each row's expected error and the cases its interval pools. */
  private record Pools(List<Double> expected, List<List<BacktestCase>> pools) {}

  private Pools pools(List<PredictionRow> rows) {
    Map<String, Set<String>> common = commonCases(rows);
    List<Double> expected = new ArrayList<>();
    for (PredictionRow r : rows) {
      expected.add(expectedError(shared(r, common.get(r.quantity()))));
    }
    List<List<BacktestCase>> pools = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      pools.add(pool(rows, expected, rows.get(i), expected.get(i)));
    }
    return new Pools(expected, pools);
  }

  /**
   * The ladder's task errors: each task's pool of its row of smallest expected error, one list. A
   * task's too few errors are shrunk toward their typical size ({@link Conformal#shrunkBound}).
   */
  private List<BacktestCase> taskPool(
      List<PredictionRow> rows, List<Double> expected, List<List<BacktestCase>> pools) {
    Map<String, Integer> best = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      PredictionRow r = rows.get(i);
      // Not a task no sampling run has emerged on: its near-zero errors at chance halved an emerged
      // task's interval (a review, thirtieth session).
      if (emergence.containsKey(r.quantity())
          && !unemerged.contains(r.quantity())
          && r.predicted() != null
          && !Double.isNaN(expected.get(i))) {
        Integer b = best.get(r.quantity());
        if (b == null || expected.get(i) < expected.get(b)) {
          best.put(r.quantity(), i);
        }
      }
    }
    List<BacktestCase> out = new ArrayList<>();
    best.values().forEach(i -> out.addAll(pools.get(i)));
    return out;
  }

  /**
   * The row with the wide-interval warning judged on the interval it prints, not on the fit's own
   * before the backtests widened it: a new user's XGLM ladder printed BoolQ's [0.466, 0.825]
   * without the warning and OpenBookQA's [0.308, 0.408] with it.
   */
  private static PredictionRow judgedWidth(PredictionRow r) {
    PredictionRow out = r.withoutWarning(SamplingRuns.WIDE_WARNING);
    if (r.predicted() == null || r.lower() == null || r.upper() == null) {
      return out;
    }
    // The fit had none, the backtests gave one (their note says so): "no interval" beside a printed
    // one confused a new user (Cerebras-GPT's ARC-Challenge, [0.210, 0.300]).
    out = out.withoutWarning(SamplingRuns.NO_INTERVAL_WARNING);
    return SamplingRuns.wide(r.predicted(), r.lower(), r.upper())
        ? out.withWarning(SamplingRuns.WIDE_WARNING)
        : out;
  }

  /**
   * The held-out runs every method of a quantity with at least {@link BacktestSpec#minCases} cases
   * predicted, by quantity. The choice compares methods on these: a method that cannot be fitted on
   * the deeper backtests (a chain whose stage 2 has too few emerged checkpoints) would otherwise be
   * compared on the shorter, easier extrapolations of the others. One with fewer cases than that
   * cannot be chosen, and is left out: on the quickstart, chinchilla's chains (2 cases) would have
   * cut every method's comparison to 2 of 6 cases.
   */
  private Map<String, Set<String>> commonCases(List<PredictionRow> rows) {
    Map<String, Set<String>> common = new LinkedHashMap<>();
    for (PredictionRow r : rows) {
      List<BacktestCase> cs = cases(r.quantity(), r.method());
      if (r.predicted() == null || cs.isEmpty() || cs.size() < spec.minCases()) {
        continue;
      }
      Set<String> keys = new LinkedHashSet<>();
      cs.forEach(c -> keys.add(c.depth() + "|" + c.run()));
      common.merge(
          r.quantity(),
          keys,
          (x, y) -> {
            Set<String> both = new LinkedHashSet<>(x);
            both.retainAll(y);
            return both;
          });
    }
    return common;
  }

  private List<BacktestCase> shared(PredictionRow r, Set<String> keys) {
    List<BacktestCase> cs = cases(r.quantity(), r.method());
    List<BacktestCase> in =
        keys == null || keys.isEmpty()
            ? cs
            : cs.stream().filter(c -> keys.contains(c.depth() + "|" + c.run())).toList();
    return in.isEmpty() ? cs : in;
  }

  /**
   * The error expected at the target's distance: the cases' scaled errors weighted toward the
   * target's distance, times (d* + d0); NaN without cases.
   */
  private double expectedError(List<BacktestCase> cs) {
    double dStar = Math.max(targetDistance, MIN_DISTANCE);
    double offset = spec.distanceOffset();
    double wSum = 0;
    double wErr = 0;
    for (BacktestCase c : cs) {
      double w = 1 / (1 + Math.abs(Math.log(Math.max(c.distance(), MIN_DISTANCE) / dStar)));
      wSum += w;
      wErr += w * c.score(offset);
    }
    return wSum == 0 ? Double.NaN : wErr / wSum * reach(targetDistance, offset);
  }

  /**
   * The cases whose scores make a row's interval: those of every method of its quantity with a
   * prediction whose expected error is within the refusal threshold or the row's own, whichever is
   * larger, and of the {@value #MIN_POOLED_METHODS} methods with the smallest expected errors (see
   * the class comment: the winner's curse). With a 3% threshold only the winner is often within it
   * for a loss, and its own errors covered 13 of 21 of Gadre et al.'s held-out losses at 90%; with
   * the three loss laws pooled, 17 of 21.
   */
  private List<BacktestCase> pool(
      List<PredictionRow> rows, List<Double> expected, PredictionRow row, double own) {
    double limit = Math.max(spec.refusal(row.kind()), Double.isNaN(own) ? 0 : own);
    List<Double> ranked = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).quantity().equals(row.quantity())
          && rows.get(i).predicted() != null
          && !Double.isNaN(expected.get(i))) {
        ranked.add(expected.get(i));
      }
    }
    ranked.sort(Double::compare);
    if (ranked.size() >= MIN_POOLED_METHODS) {
      limit = Math.max(limit, ranked.get(MIN_POOLED_METHODS - 1));
    } else if (!ranked.isEmpty()) {
      limit = Math.max(limit, ranked.get(ranked.size() - 1));
    }
    List<BacktestCase> pool = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      PredictionRow o = rows.get(i);
      boolean self = o == row;
      if (o.quantity().equals(row.quantity())
          && o.predicted() != null
          && (self || expected.get(i) <= limit)) {
        pool.addAll(cases(o.quantity(), o.method()));
      }
    }
    return pool;
  }

  private BacktestSummary summary(
      PredictionRow r,
      List<BacktestCase> cs,
      double expected,
      List<BacktestCase> pool,
      List<BacktestCase> ladder) {
    if (cs.isEmpty()) {
      return new BacktestSummary(
          0,
          null,
          null,
          targetDistance,
          null,
          0,
          Calibration.NONE,
          null,
          null,
          null,
          null,
          null,
          r.lower(),
          r.upper(),
          emergence.get(r.quantity()),
          emerged(r.quantity(), cs),
          0,
          unemerged(r.quantity()),
          cs);
    }
    double mean = cs.stream().mapToDouble(BacktestCase::error).average().orElse(Double.NaN);
    double offset = spec.distanceOffset();
    List<BacktestCase> used = pool.isEmpty() ? cs : pool;
    BacktestSpec.IntervalScale scale =
        ScaleChoice.choose(
            used, spec.intervalScale(), r.kind(), level, offset, targetDistance, targetLeverage);
    boolean enough = Conformal.enough(used.size(), level);
    Calibration cal = enough ? Calibration.CONFORMAL : Calibration.TOO_FEW_CASES;
    return new BacktestSummary(
        cs.size(),
        mean,
        expected,
        targetDistance,
        bound(used, ladder, BacktestSpec.IntervalScale.DISTANCE),
        used.size(),
        cal,
        scale,
        scale == BacktestSpec.IntervalScale.LEVERAGE
            ? bound(used, ladder, BacktestSpec.IntervalScale.LEVERAGE)
            : null,
        null,
        null,
        Conformal.jackknifeCoverage(scores(used, scale, offset), level),
        r.lower(),
        r.upper(),
        emergence.get(r.quantity()),
        emerged(r.quantity(), cs),
        (int) cs.stream().map(BacktestCase::depth).distinct().count(),
        unemerged(r.quantity()),
        cs);
  }

  /** The cases' conformal scores on a scale. */
  static double[] scores(List<BacktestCase> cs, BacktestSpec.IntervalScale scale, double offset) {
    return cs.stream().mapToDouble(c -> c.score(scale, offset)).toArray();
  }

  /**
   * The conformal quantile of the scores on a scale, or the small-sample bound, shrunk toward the
   * ladder's task errors where they are given.
   */
  private double bound(
      List<BacktestCase> cs, List<BacktestCase> ladder, BacktestSpec.IntervalScale scale) {
    double[] scores = scores(cs, scale, spec.distanceOffset());
    if (Conformal.enough(scores.length, level)) {
      return Conformal.conformalQuantile(scores, level);
    }
    return ladder.isEmpty()
        ? Conformal.smallSampleBound(scores, level)
        : Conformal.shrunkBound(scores, scores(ladder, scale, spec.distanceOffset()), level);
  }

  /** For a task score, whether no sampling run reached its threshold; else null. */
  private Boolean unemerged(String quantity) {
    return emergence.containsKey(quantity) ? unemerged.contains(quantity) : null;
  }

  /** How many cases' held-out runs ended at or above the task's emergence threshold, or null. */
  private Integer emerged(String quantity, List<BacktestCase> cs) {
    Double threshold = emergence.get(quantity);
    return threshold == null
        ? null
        : (int) cs.stream().filter(c -> c.actual() >= threshold).count();
  }

  /**
   * @return d*, log10 of the target's compute over the sampling runs' largest
   */
  public double targetDistance() {
    return targetDistance;
  }
}
