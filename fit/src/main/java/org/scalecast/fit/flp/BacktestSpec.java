package org.scalecast.fit.flp;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import org.scalecast.results.EnumKeys;
import org.scalecast.results.InputException;

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
 */
public record BacktestSpec(
    Holdout holdout,
    List<Double> quantiles,
    Integer sizes,
    Double refuseLoss,
    Double refusePoints,
    Integer minCases,
    Diagnostic leaveOneRunOut) {

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
    if (minCases < 1) {
      throw new InputException("backtest: min_cases must be at least 1, got " + minCases);
    }
    for (double q : quantiles) {
      if (!(q > 0 && q < 1)) {
        throw new InputException("backtest: quantiles must be in (0, 1), got " + q);
      }
    }
    if (sizes < 1) {
      throw new InputException("backtest: sizes must be at least 1, got " + sizes);
    }
  }

  /**
   * @return every default
   */
  public static BacktestSpec defaults() {
    return new BacktestSpec(null, null, null, null, null, null, null);
  }
}
