package org.scalecast.fit.flp;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import org.scalecast.results.EnumKeys;
import org.scalecast.results.InputException;
import org.scalecast.results.QuantityKind;

/**
 * How {@code predict --config} backtests its methods (the {@code backtest:} block of the prediction
 * config): which top of the ladder is held out, at how many depths, and the errors above which a
 * quantity is refused. Nulls take defaults.
 *
 * @param holdout what is held out: the runs above a compute quantile (default) or the largest sizes
 * @param quantiles for {@link Holdout#COMPUTE_QUANTILE}: one backtest per quantile q, holding out
 *     the runs whose final compute is above the q-quantile of the sampling runs' (default 0.5 and
 *     0.75)
 * @param sizes for {@link Holdout#LARGEST_SIZE}: backtests holding out the largest 1, 2, ... sizes
 *     (by {@code n_params}), up to this many (default 2)
 * @param refuseLoss a loss is refused when every method's backtest error (relative) is above this
 *     (default 0.03, 3%)
 * @param refusePoints a score is refused when every method's backtest error is above this (default
 *     0.05, 5 points)
 * @param minCases backtest cases a method needs before its backtest error can choose it or clear
 *     the refusal threshold (default 3): an expected error from one or two held-out runs is noise
 *     (on the quickstart, chinchilla was chosen for val_loss_text on 2 cases and missed by 8%)
 * @param leaveOneRunOut whether the leave-one-run-out diagnostic runs (default {@code run}); on a
 *     large ladder it is most of predict's time, and the choice no longer rests on it
 * @param distanceOffset d0, in decades of compute (default 0.25): a backtest error at extrapolation
 *     distance d is scaled to the target's d* by (d* + d0) / (d + d0), not d* / d, because an
 *     extrapolated law's error does not vanish at d = 0 (checkpoint noise, the law's misfit). With
 *     d0 = 0 the short backtests of a ladder (0.1-0.5 decades) inflate to intervals of 30-37% of
 *     the loss on Gadre et al.'s ladder where errors were 4-5%; 0.25 was chosen on that ladder
 *     ({@code docs/coverage.md}) and checked on others
 * @param farQuantiles further compute quantiles backtested when the target is far (default 0.25:
 *     the runs above the lower quartile held out)
 * @param farDistance the target's extrapolation distance d*, in decades of compute, from which the
 *     far quantiles are backtested too (default 1.0). Issue 10 asks for holdout depths "weighted
 *     toward the target's extrapolation distance": the OLMo ladder's 7B and 13B lie 1.5-2.3 decades
 *     beyond its runs, the two default depths reach 0.2-0.6, and from those the targets' C4 losses
 *     were predicted 5-7% off outside their intervals; with the lower quartile held out too, the
 *     same predictions got intervals that held them, and on the ladder with its 3B runs the
 *     ARC-Challenge chains (11 points off outside their intervals) were refused. On a near target
 *     it is not worth its fits on a quarter of the runs: on Gadre et al.'s ladder (d* 0.6-0.8, 5-31
 *     runs) it cut the accuracy's coverage from 24/29 to 12/17 ({@code docs/coverage.md}). From the
 *     same distance on, a task no sampling run has emerged on is refused ({@code
 *     Refusal.farUnemerged}): one notion of a far target for both
 * @param intervalScale how a backtest error is scaled to the target's interval: by distance, by
 *     leverage, or row by row by a backtest of the interval (default {@code backtest}). The
 *     expected error that chooses and refuses, and the band the methods' disagreement is judged
 *     against, are scaled by distance either way
 */
public record BacktestSpec(
    Holdout holdout,
    List<Double> quantiles,
    Integer sizes,
    Double refuseLoss,
    Double refusePoints,
    Integer minCases,
    Diagnostic leaveOneRunOut,
    Double distanceOffset,
    List<Double> farQuantiles,
    Double farDistance,
    IntervalScale intervalScale) {

  /**
   * Fewer runs left to fit than this and a backtest depth is skipped: a ladder of this many
   * sampling runs or fewer has no backtest case.
   */
  public static final int MIN_FIT_RUNS = 3;

  /**
   * Methods whose expected error is above the threshold by at most this factor still warn when they
   * predict outside the interval, though they do not refuse: a new user's planned 30B (twenty-sixth
   * session) had its mean error predicted at 0.21 +- 0.03 while methods at 5.1 and 6.2 points
   * against the 5-point threshold predicted 0.015 and 0.267, and nothing said so. Letting them
   * refuse (a factor of 1.25) refused 9 predictions over the 41 real-ladder configurations that had
   * been 0.1-2.7 points off, every one inside its interval, and raised the printed mean error.
   */
  public static final double NEAR_THRESHOLD = 1.25;

  /**
   * @param holdout what is held out
   * @param quantiles compute quantiles
   * @param sizes largest sizes
   * @param refuseLoss loss threshold
   * @param refusePoints score threshold
   * @param minCases backtest cases needed
   * @param leaveOneRunOut whether leave-one-run-out runs
   */
  public BacktestSpec(
      Holdout holdout,
      List<Double> quantiles,
      Integer sizes,
      Double refuseLoss,
      Double refusePoints,
      Integer minCases,
      Diagnostic leaveOneRunOut) {
    this(
        holdout,
        quantiles,
        sizes,
        refuseLoss,
        refusePoints,
        minCases,
        leaveOneRunOut,
        null,
        null,
        null,
        null);
  }

  /**
   * {@link #BacktestSpec(Holdout, List, Integer, Double, Double, Integer, Diagnostic, Double, List,
   * Double, IntervalScale)} with the default interval scale.
   */
  public BacktestSpec(
      Holdout holdout,
      List<Double> quantiles,
      Integer sizes,
      Double refuseLoss,
      Double refusePoints,
      Integer minCases,
      Diagnostic leaveOneRunOut,
      Double distanceOffset,
      List<Double> farQuantiles,
      Double farDistance) {
    this(
        holdout,
        quantiles,
        sizes,
        refuseLoss,
        refusePoints,
        minCases,
        leaveOneRunOut,
        distanceOffset,
        farQuantiles,
        farDistance,
        null);
  }

  /** How a backtest error measured at one extrapolation is scaled to the target's interval. */
  public enum IntervalScale {
    /** By the distance beyond the fitted runs plus d0: (d* + d0) / (d + d0). */
    DISTANCE,
    /**
     * By the leverage of a straight-line fit in log10 compute over the fitted runs' finals: sqrt(1
     * / n + (x - mean x)^2 / Sxx), the factor by which a regression's prediction error grows away
     * from its data. It also counts how many runs a fit had and how wide a range they spanned.
     * Where it is undefined (a target or a pooled case whose fitted runs all had one compute), the
     * distance scale is used instead.
     */
    LEVERAGE,
    /**
     * For each row, by a backtest of the interval on its pooled cases ({@code ScaleChoice}): the
     * default.
     */
    BACKTEST;

    /**
     * @param key {@code distance}, {@code leverage} or {@code backtest}
     * @return the constant
     */
    @JsonCreator
    public static IntervalScale parse(String key) {
      return EnumKeys.parse(IntervalScale.class, key, "backtest interval_scale");
    }

    /**
     * @return its config key
     */
    @JsonValue
    public String key() {
      return EnumKeys.key(this);
    }
  }

  /** Whether a diagnostic runs. */
  public enum Diagnostic {
    /** Compute it (the default). */
    RUN,
    /** Leave it out: its columns stay empty. */
    SKIP;

    /**
     * @param key {@code run} or {@code skip}
     * @return the constant
     */
    @JsonCreator
    public static Diagnostic parse(String key) {
      return EnumKeys.parse(Diagnostic.class, key, "backtest leave_one_run_out");
    }

    /**
     * @return its config key
     */
    @JsonValue
    public String key() {
      return EnumKeys.key(this);
    }
  }

  /** Which top of the ladder a backtest holds out. */
  public enum Holdout {
    /** The runs whose final compute is above a quantile of the sampling runs'. */
    COMPUTE_QUANTILE,
    /** The runs of the largest model sizes ({@code n_params}). */
    LARGEST_SIZE;

    /**
     * @param key {@code compute_quantile} or {@code largest_size}
     * @return the constant
     */
    @JsonCreator
    public static Holdout parse(String key) {
      return EnumKeys.parse(Holdout.class, key, "backtest holdout");
    }

    /**
     * @return its config key
     */
    @JsonValue
    public String key() {
      return EnumKeys.key(this);
    }
  }

  /** Defaults, copies and checks. */
  public BacktestSpec {
    holdout = holdout == null ? Holdout.COMPUTE_QUANTILE : holdout;
    quantiles = quantiles == null ? List.of(0.5, 0.75) : List.copyOf(quantiles);
    sizes = sizes == null ? 2 : sizes;
    refuseLoss = refuseLoss == null ? 0.03 : refuseLoss;
    refusePoints = refusePoints == null ? 0.05 : refusePoints;
    minCases = minCases == null ? 3 : minCases;
    leaveOneRunOut = leaveOneRunOut == null ? Diagnostic.RUN : leaveOneRunOut;
    distanceOffset = distanceOffset == null ? 0.25 : distanceOffset;
    farQuantiles = farQuantiles == null ? List.of(0.25) : List.copyOf(farQuantiles);
    farDistance = farDistance == null ? 1.0 : farDistance;
    intervalScale = intervalScale == null ? IntervalScale.BACKTEST : intervalScale;
    if (!(farDistance >= 0)) {
      throw new InputException(
          "backtest: far_distance must be at least 0 (decades), got " + farDistance);
    }
    if (!(distanceOffset >= 0)) {
      throw new InputException(
          "backtest: distance_offset must be at least 0 (decades), got " + distanceOffset);
    }
    if (!(refuseLoss > 0 && refusePoints > 0)) {
      // A negative threshold refused every quantity, exit 0 (a bad-input hunt, twentieth
      // session); a large one (10, 100) turns refusals off, as docs/coverage.md does.
      throw new InputException(
          "backtest: refuse_loss and refuse_points must be above 0 (a fraction: 0.03 for 3%, 0.05"
              + " for 5 points; a large value turns refusals off), got "
              + refuseLoss
              + " and "
              + refusePoints);
    }
    if (minCases < 1) {
      throw new InputException("backtest: min_cases must be at least 1, got " + minCases);
    }
    if (holdout == Holdout.COMPUTE_QUANTILE && quantiles.isEmpty()) {
      // [] ran no backtest at all, exit 0 (a bad-input hunt, twentieth session).
      throw new InputException(
          "backtest: quantiles is empty; give at least one holdout depth, e.g. [0.5, 0.75]");
    }
    for (double q : quantiles) {
      if (!(q > 0 && q < 1)) {
        throw new InputException("backtest: quantiles must be in (0, 1), got " + q);
      }
    }
    for (double q : farQuantiles) {
      if (!(q > 0 && q < 1)) {
        throw new InputException("backtest: far_quantiles must be in (0, 1), got " + q);
      }
    }
    if (sizes < 1) {
      throw new InputException("backtest: sizes must be at least 1, got " + sizes);
    }
  }

  /**
   * @param kind loss or score
   * @return the refusal threshold for that kind
   */
  public double refusal(QuantityKind kind) {
    return kind == QuantityKind.LOSS ? refuseLoss : refusePoints;
  }

  /**
   * The one test of whether a method's backtests can choose it: an expected error over at least
   * {@link #minCases} cases; without it leave-one-run-out chooses ({@code MethodChoice}), and the
   * report says which did.
   *
   * @param b a row's backtest summary, or null
   * @return whether its expected error decides
   */
  public boolean decides(BacktestSummary b) {
    return b != null && b.expectedError() != null && b.cases() >= minCases;
  }

  /**
   * @param targetDistance d*, decades of compute from the sampling runs' largest to the target
   * @return the compute quantiles backtested for that target: the far ones too from {@code
   *     far_distance} on, in increasing order
   */
  public List<Double> quantilesAt(double targetDistance) {
    java.util.TreeSet<Double> all = new java.util.TreeSet<>(quantiles);
    if (targetDistance >= farDistance) {
      all.addAll(farQuantiles);
    }
    return List.copyOf(all);
  }

  /**
   * @return every default
   */
  public static BacktestSpec defaults() {
    return new BacktestSpec(null, null, null, null, null, null, null, null, null, null, null);
  }
}
