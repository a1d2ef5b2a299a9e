package org.scalecast.fit.flp;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.scalecast.fit.flp.BacktestSpec.IntervalScale;
import org.scalecast.results.QuantityKind;

/**
 * Chooses how backtest errors are scaled to the target's interval, for each row on the cases pooled
 * for its interval (the rows of one quantity pool mostly the same methods' cases, but not always
 * all the same), by a backtest of the interval itself: the deepest holdout's cases (the largest
 * mean extrapolation distance) are bounded from the other depths' scores on each scale, as the
 * target will be from all of them. A scale that covers at least the level of them is valid; the
 * valid one with the narrower interval at the target is used, and when neither is valid the wider
 * one.
 *
 * <p>Why: with the distance scale alone, 58 of 58 task intervals at 90% held at the real 7-13B
 * targets of the OLMo, Pythia and Cerebras-GPT ladders, at a median width of 16.4 points against a
 * median error of 1.5. Their deepest backtests fit the three to five smallest runs, whose task
 * scores sit near chance, and their errors, scaled by distance alone, say that a target fitted on
 * every run extrapolates as badly (issue 10, twelfth session). Leverage counts the fitted runs and
 * their spread; but a loss law's misfit does not shrink with more runs (the OLMo ladder's C4 loss
 * held 4 of 10 on leverage), and on Gadre et al.'s near targets leverage under-covered. The deepest
 * holdout tells the two apart on the ladder at hand: on the OLMo ladder the C4 loss's deepest
 * errors outgrow what the shallower depths say on either scale, and every task's stay within both.
 *
 * <p>Where the deepest holdout is too thin to validate either scale, a task score takes leverage
 * and a loss the distance scale (twenty-fourth session; before, both took distance as the
 * conservative choice). On the 41 real-ladder configs at 90%, the task rows on distance with a
 * conformal bound held 34 of 34 at widths about 2.7 times what their errors needed, most of them
 * untestable (Pythia, Cerebras-GPT); where the validation could run, leverage was valid for a task
 * in 815 of 928 rows and distance in 603, and for a loss neither in 36 of 36 (a loss law's misfit
 * does not shrink with more runs, above). docs/coverage.md has the before and after.
 */
final class ScaleChoice {
  /** Deepest-holdout cases needed before the validation can speak. */
  static final int MIN_DEEP_CASES = 3;

  private ScaleChoice() {}

  /**
   * @param pool the cases whose scores make the interval
   * @param asked {@code backtest.interval_scale}
   * @param kind the quantity's kind: what an untestable pool falls back to
   * @param level the interval's coverage
   * @param offset d0
   * @param targetDistance d*
   * @param targetLeverage the target's leverage over every sampling run
   * @return the scale to use
   */
  static IntervalScale choose(
      List<BacktestCase> pool,
      IntervalScale asked,
      QuantityKind kind,
      double level,
      double offset,
      double targetDistance,
      double targetLeverage) {
    boolean leverageDefined =
        !Double.isNaN(targetLeverage) && pool.stream().noneMatch(c -> Double.isNaN(c.leverage()));
    if (asked != IntervalScale.BACKTEST) {
      return leverageDefined ? asked : IntervalScale.DISTANCE;
    }
    if (!leverageDefined) {
      return IntervalScale.DISTANCE;
    }
    String deep = deepest(pool);
    List<BacktestCase> deepCases = pool.stream().filter(c -> c.depth().equals(deep)).toList();
    List<BacktestCase> shallow = pool.stream().filter(c -> !c.depth().equals(deep)).toList();
    if (deepCases.size() < MIN_DEEP_CASES || !Conformal.enough(shallow.size(), level)) {
      // Nothing to validate on: what the validations said elsewhere (the class comment).
      return kind == QuantityKind.LOSS ? IntervalScale.DISTANCE : IntervalScale.LEVERAGE;
    }
    boolean distanceValid = covers(shallow, deepCases, IntervalScale.DISTANCE, level, offset);
    boolean leverageValid = covers(shallow, deepCases, IntervalScale.LEVERAGE, level, offset);
    double distanceWidth =
        Conformal.conformalQuantile(Backtest.scores(pool, IntervalScale.DISTANCE, offset), level)
            * Backtest.reach(targetDistance, offset);
    double leverageWidth =
        Conformal.conformalQuantile(Backtest.scores(pool, IntervalScale.LEVERAGE, offset), level)
            * targetLeverage;
    IntervalScale narrower =
        leverageWidth < distanceWidth ? IntervalScale.LEVERAGE : IntervalScale.DISTANCE;
    IntervalScale wider =
        narrower == IntervalScale.LEVERAGE ? IntervalScale.DISTANCE : IntervalScale.LEVERAGE;
    if (distanceValid && leverageValid) {
      return narrower;
    }
    if (!distanceValid && !leverageValid) {
      return wider;
    }
    return leverageValid ? IntervalScale.LEVERAGE : IntervalScale.DISTANCE;
  }

  /** The depth whose cases lie farthest beyond their fitted runs, on average. */
  private static String deepest(List<BacktestCase> pool) {
    Map<String, Double> mean =
        pool.stream()
            .collect(
                Collectors.groupingBy(
                    BacktestCase::depth, Collectors.averagingDouble(BacktestCase::distance)));
    return mean.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  /** Whether the shallow cases' conformal bound covers at least the level of the deep ones. */
  private static boolean covers(
      List<BacktestCase> shallow,
      List<BacktestCase> deep,
      IntervalScale scale,
      double level,
      double offset) {
    double q = Conformal.conformalQuantile(Backtest.scores(shallow, scale, offset), level);
    long covered = deep.stream().filter(c -> c.score(scale, offset) <= q).count();
    return covered >= level * deep.size();
  }
}
