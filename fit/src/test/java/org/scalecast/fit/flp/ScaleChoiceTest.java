package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.flp.BacktestSpec.IntervalScale;
import org.scalecast.results.InputException;
import org.scalecast.results.QuantityKind;

/**
 * The interval's scale, chosen per quantity by a backtest of the interval ({@link ScaleChoice}),
 * and the leverage it rests on. Issue 10, twelfth session: at the OLMo, Pythia and Cerebras-GPT
 * ladders' real targets the distance scale alone held 58 of 58 task intervals at 90%, 16.4 points
 * wide against a median error of 1.5.
 */
class ScaleChoiceTest {
  private static final double OFFSET = 0.25;
  private static final double LEVEL = 0.9;

  /** Target 2.3 decades out, fitted on every run: the OLMo ladder's 13B (h* 1.25). */
  private static final double D_STAR = 2.3;

  private static final double H_STAR = 1.25;

  @Test
  void leverageIsTheRegressionLineStandardError() {
    // mean 1, Sxx 2: sqrt(1/3 + (3 - 1)^2 / 2)
    assertEquals(Math.sqrt(1.0 / 3 + 2), Conformal.leverage(new double[] {0, 1, 2}, 3), 1e-12);
    assertEquals(Math.sqrt(1.0 / 3), Conformal.leverage(new double[] {0, 1, 2}, 1), 1e-12);
    assertTrue(Double.isNaN(Conformal.leverage(new double[] {2, 2, 2}, 3)), "no spread: undefined");
  }

  /**
   * Errors that grow with leverage (fewer, narrower fitted runs at the deepest holdout, as on the
   * OLMo ladder's tasks): distance alone under-covers the deep cases, leverage covers them and is
   * narrower at a target fitted on every run.
   */
  @Test
  void errorsThatFollowLeverageAreScaledByIt() {
    List<BacktestCase> pool = leveragePool(6);
    assertEquals(IntervalScale.LEVERAGE, choose(pool, IntervalScale.BACKTEST));
  }

  /**
   * A loss law's misfit: errors grow with distance whatever the fitted runs (the OLMo ladder's C4
   * loss, 5-7% off at its targets, held 4 of 10 on leverage): leverage under-covers the deep cases,
   * distance covers them.
   */
  @Test
  void errorsThatFollowDistanceAreScaledByIt() {
    List<BacktestCase> pool = new ArrayList<>();
    addCases(pool, "shallow", 0.2, 0.6, 12, (d, h) -> 0.02 * (d + OFFSET));
    addCases(pool, "deep", 1.2, 0.7, 6, (d, h) -> 0.02 * (d + OFFSET));
    assertEquals(IntervalScale.DISTANCE, choose(pool, IntervalScale.BACKTEST));
  }

  /** Deep errors beyond what either scale says: the wider one, here distance at a far target. */
  @Test
  void whenNeitherScaleCoversTheDeepCasesTheWiderIsUsed() {
    List<BacktestCase> pool = new ArrayList<>();
    addCases(pool, "shallow", 0.2, 0.5, 12, (d, h) -> 0.01);
    addCases(pool, "deep", 1.2, 3.0, 6, (d, h) -> 0.5);
    double distanceWidth = quantile(pool, IntervalScale.DISTANCE) * (D_STAR + OFFSET);
    double leverageWidth = quantile(pool, IntervalScale.LEVERAGE) * H_STAR;
    assertTrue(distanceWidth > leverageWidth);
    assertEquals(IntervalScale.DISTANCE, choose(pool, IntervalScale.BACKTEST));
  }

  /** Both scales cover the deepest cases: the narrower at the target, whichever it is. */
  @Test
  void whenBothScalesCoverTheDeepCasesTheNarrowerIsUsed() {
    List<BacktestCase> pool = new ArrayList<>();
    addCases(pool, "shallow", 0.2, 0.5, 12, (d, h) -> 0.01);
    addCases(pool, "deep", 1.2, 3.0, 6, (d, h) -> 0.001);
    assertEquals(IntervalScale.LEVERAGE, choose(pool, IntervalScale.BACKTEST));
    // A target far from its runs' centre on leverage (h* 5): distance is then the narrower.
    assertEquals(
        IntervalScale.DISTANCE,
        ScaleChoice.choose(
            pool, IntervalScale.BACKTEST, QuantityKind.SCORE, LEVEL, OFFSET, D_STAR, 5.0));
  }

  /** Neither covers: the wider, here leverage (deep cases of small leverage, large errors). */
  @Test
  void whenNeitherScaleCoversTheWiderIsUsedEvenIfItIsLeverage() {
    List<BacktestCase> pool = new ArrayList<>();
    addCases(pool, "shallow", 0.2, 0.5, 12, (d, h) -> 0.01);
    addCases(pool, "deep", 1.2, 0.6, 6, (d, h) -> 0.5);
    double distanceWidth = quantile(pool, IntervalScale.DISTANCE) * (D_STAR + OFFSET);
    double leverageWidth = quantile(pool, IntervalScale.LEVERAGE) * H_STAR;
    assertTrue(leverageWidth > distanceWidth);
    assertEquals(IntervalScale.LEVERAGE, choose(pool, IntervalScale.BACKTEST));
  }

  /**
   * The distance band kept for the disagreement refusal is the interval the distance scale gives
   * the row, made the same way: with a task's {@code items:}, its evaluation noise included (a
   * review found the band without it, which refused what the distance scale let through).
   */
  @Test
  void theDistanceBandIsTheDistanceScalesIntervalNoiseIncluded() {
    Map<String, List<BacktestCase>> cases = Map.of(Predictions.key("q", "m"), leveragePool(6));
    Map<String, Integer> items = Map.of("q", 100);
    PredictionRow row = PredictionRow.of("q", QuantityKind.SCORE, "m", 0.6, 0.59, 0.61, 0.6, null);
    BacktestSpec distance =
        new BacktestSpec(
            null, null, null, null, null, null, null, null, null, null, IntervalScale.DISTANCE);
    PredictionRow onDistance =
        Backtest.of(cases, D_STAR, H_STAR, LEVEL, distance, items).apply(List.of(row)).get(0);
    PredictionRow chosen =
        Backtest.of(cases, D_STAR, H_STAR, LEVEL, BacktestSpec.defaults(), items)
            .apply(List.of(row))
            .get(0);
    assertEquals(IntervalScale.LEVERAGE, chosen.backtest().intervalScale());
    assertEquals(onDistance.lower(), chosen.backtest().distanceLower(), 1e-12);
    assertEquals(onDistance.upper(), chosen.backtest().distanceUpper(), 1e-12);
    assertEquals(onDistance.lower(), onDistance.backtest().distanceLower(), 0.0);
  }

  /**
   * With too few deep or shallow cases to validate either scale, a task score takes leverage and a
   * loss distance (the class comment of {@link ScaleChoice}: at the real 7-13B targets the distance
   * scale's untestable task intervals were about 2.7 times wider than their errors needed); without
   * a leverage, distance.
   */
  @Test
  void untestablePoolsTakeLeverageForAScoreAndDistanceForALoss() {
    List<BacktestCase> fewDeep = leveragePool(ScaleChoice.MIN_DEEP_CASES - 1);
    assertEquals(IntervalScale.LEVERAGE, choose(fewDeep, IntervalScale.BACKTEST));
    assertEquals(
        IntervalScale.DISTANCE, choose(fewDeep, IntervalScale.BACKTEST, QuantityKind.LOSS));
    List<BacktestCase> fewShallow = new ArrayList<>();
    addCases(fewShallow, "shallow", 0.2, 0.5, 5, (d, h) -> 0.02 * h);
    addCases(fewShallow, "deep", 1.2, 3.0, 6, (d, h) -> 0.02 * h);
    assertEquals(IntervalScale.LEVERAGE, choose(fewShallow, IntervalScale.BACKTEST));
    assertEquals(
        IntervalScale.DISTANCE, choose(fewShallow, IntervalScale.BACKTEST, QuantityKind.LOSS));
    List<BacktestCase> undefined = new ArrayList<>();
    addCases(undefined, "shallow", 0.2, Double.NaN, 12, (d, h) -> 0.02);
    addCases(undefined, "deep", 1.2, Double.NaN, 6, (d, h) -> 0.02);
    assertEquals(IntervalScale.DISTANCE, choose(undefined, IntervalScale.BACKTEST));
    assertEquals(IntervalScale.DISTANCE, choose(undefined, IntervalScale.LEVERAGE));
  }

  /**
   * {@link Backtest} hands each row's kind to the choice: with too few deepest cases, a score row
   * takes leverage and a loss row keeps distance (review of the change: with the kind fixed to a
   * score there, every other test still passed).
   */
  @Test
  void backtestPassesTheRowsKindToTheUntestableChoice() {
    Map<String, List<BacktestCase>> cases =
        Map.of(Predictions.key("q", "m"), leveragePool(ScaleChoice.MIN_DEEP_CASES - 1));
    PredictionRow score =
        PredictionRow.of("q", QuantityKind.SCORE, "m", 0.6, 0.59, 0.61, 0.6, null);
    PredictionRow loss = PredictionRow.of("q", QuantityKind.LOSS, "m", 3.0, 2.9, 3.1, 3.0, null);
    assertEquals(IntervalScale.LEVERAGE, scaleThroughBacktest(cases, score));
    assertEquals(IntervalScale.DISTANCE, scaleThroughBacktest(cases, loss));
  }

  private static IntervalScale scaleThroughBacktest(
      Map<String, List<BacktestCase>> cases, PredictionRow row) {
    return Backtest.of(cases, D_STAR, H_STAR, LEVEL, BacktestSpec.defaults(), Map.of())
        .apply(List.of(row))
        .get(0)
        .backtest()
        .intervalScale();
  }

  /** The config key's values, and a one-line error naming the key for any other. */
  @Test
  void theConfigKeyParsesItsThreeValuesAndNamesItselfOtherwise() {
    assertEquals(IntervalScale.BACKTEST, BacktestSpec.defaults().intervalScale());
    assertEquals(IntervalScale.LEVERAGE, IntervalScale.parse("leverage"));
    assertEquals(IntervalScale.DISTANCE, IntervalScale.parse("distance"));
    assertEquals("backtest", IntervalScale.BACKTEST.key());
    InputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InputException.class, () -> IntervalScale.parse("wide"));
    assertTrue(e.getMessage().contains("interval_scale"), e.getMessage());
    assertTrue(e.getMessage().contains("leverage"), e.getMessage());
  }

  @Test
  void anAskedScaleIsUsedAsAsked() {
    List<BacktestCase> pool = leveragePool(6);
    assertEquals(IntervalScale.DISTANCE, choose(pool, IntervalScale.DISTANCE));
    assertEquals(IntervalScale.LEVERAGE, choose(pool, IntervalScale.LEVERAGE));
  }

  /** The row's interval is the leverage quantile times h*, and the summary says which scale. */
  @Test
  void theIntervalIsMadeOnTheChosenScale() {
    List<BacktestCase> pool = leveragePool(6);
    Backtest b =
        Backtest.of(
            Map.of(Predictions.key("q", "m"), pool),
            D_STAR,
            H_STAR,
            LEVEL,
            BacktestSpec.defaults(),
            Map.of());
    PredictionRow r =
        b.apply(List.of(PredictionRow.of("q", QuantityKind.SCORE, "m", 0.6, 0.59, 0.61, 0.6, null)))
            .get(0);
    assertEquals(IntervalScale.LEVERAGE, r.backtest().intervalScale());
    assertEquals(0.02, r.backtest().leverageQuantile(), 1e-12);
    assertEquals(0.02 * H_STAR, (r.upper() - r.lower()) / 2, 1e-9);
    double distanceHalf = r.backtest().distanceHalfWidth(0.6, QuantityKind.SCORE, OFFSET);
    assertTrue(distanceHalf > 0.02 * H_STAR, "the distance scale would have been wider");
  }

  /**
   * A credible method outside a leverage interval but inside the distance band does not refuse:
   * judged against leverage intervals alone, 26 of 58 task predictions on the OLMo, Pythia and
   * Cerebras-GPT ladders were refused that had been 2.0 points off (the rest 1.9). Outside the band
   * it does.
   */
  @Test
  void theDisagreementIsJudgedAgainstTheDistanceBand() {
    PredictionRow chosen = leverageRow("a", 0.60, 0.58, 0.62, 0.01, 0.10);
    PredictionRow inBand = leverageRow("b", 0.66, 0.64, 0.68, 0.02, 0.10);
    PredictionRow kept = chosenOf(List.of(chosen, inBand));
    assertEquals("a", kept.method());
    assertNotNull(kept.predicted(), kept.warning());
    PredictionRow outOfBand = leverageRow("b", 0.95, 0.93, 0.97, 0.02, 0.10);
    PredictionRow refused = chosenOf(List.of(chosen, outOfBand));
    assertNull(refused.predicted());
    assertTrue(refused.warning().contains("b predicts 0.95"), refused.warning());
  }

  private static PredictionRow chosenOf(List<PredictionRow> rows) {
    return MethodChoice.mark(rows, BacktestSpec.defaults()).stream()
        .filter(PredictionRow::chosenInAdvance)
        .findFirst()
        .orElseThrow();
  }

  /**
   * A score row with a conformal summary on the leverage scale: its distance band is prediction +-
   * perDecade (d* + d0), with d* = 0.5 here (0.075 for perDecade 0.1).
   */
  private static PredictionRow leverageRow(
      String method, double predicted, double lo, double hi, double expected, double perDecade) {
    return PredictionRow.of("q", QuantityKind.SCORE, method, predicted, lo, hi, Double.NaN, null)
        .withLoro(expected, expected, 8, null)
        .withBacktest(
            new BacktestSummary(
                12,
                expected,
                expected,
                0.5,
                perDecade,
                12,
                Calibration.CONFORMAL,
                IntervalScale.LEVERAGE,
                0.02,
                predicted - perDecade * 0.75,
                predicted + perDecade * 0.75,
                0.9,
                lo,
                hi,
                null,
                null,
                2,
                null,
                List.of()));
  }

  /**
   * 12 shallow cases and {@code deep} deep ones whose errors are 0.02 per unit leverage; the deep
   * ones fitted on fewer, narrower runs (leverage 2.4-3.6 at 1-1.4 decades).
   */
  private static List<BacktestCase> leveragePool(int deep) {
    List<BacktestCase> pool = new ArrayList<>();
    addCases(pool, "shallow", 0.2, 0.5, 12, (d, h) -> 0.02 * h);
    addCases(pool, "deep", 1.2, 3.0, deep, (d, h) -> 0.02 * h);
    return pool;
  }

  private static IntervalScale choose(List<BacktestCase> pool, IntervalScale asked) {
    return choose(pool, asked, QuantityKind.SCORE);
  }

  private static IntervalScale choose(
      List<BacktestCase> pool, IntervalScale asked, QuantityKind kind) {
    return ScaleChoice.choose(pool, asked, kind, LEVEL, OFFSET, D_STAR, H_STAR);
  }

  private static double quantile(List<BacktestCase> pool, IntervalScale scale) {
    return Conformal.conformalQuantile(
        pool.stream().mapToDouble(c -> c.score(scale, OFFSET)).toArray(), LEVEL);
  }

  private interface ErrorModel {
    double error(double distance, double leverage);
  }

  /** n cases of one depth at distances spread around d and leverages around h. */
  private static void addCases(
      List<BacktestCase> out, String depth, double d, double h, int n, ErrorModel model) {
    for (int i = 0; i < n; i++) {
      double di = d * (0.8 + 0.4 * i / Math.max(1, n - 1));
      double hi = h * (0.8 + 0.4 * i / Math.max(1, n - 1));
      double e = model.error(di, Double.isNaN(hi) ? 1 : hi);
      out.add(
          new BacktestCase("q", "m", QuantityKind.SCORE, depth + i, depth, di, 0.5 + e, 0.5, hi));
    }
  }
}
