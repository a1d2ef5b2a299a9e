package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scalecast.results.InputException;

/**
 * {@code margin:} and the refusal thresholds are checked on load: 2 refused every task as if no
 * sampling run had emerged, and -0.1 changed choices, both with exit 0 (a bad-input hunt, twentieth
 * session).
 */
class PredictSpecMarginTest {
  private static PredictSpec withMargin(Double margin) {
    return new PredictSpec(Map.of("run_id", "target"), null, null, null, margin, null);
  }

  @Test
  void aMarginOutsideZeroToOneIsAnError() {
    for (double m : new double[] {2, 1, -0.1, Double.NaN}) {
      InputException e = assertThrows(InputException.class, () -> withMargin(m));
      assertTrue(e.getMessage().startsWith("margin must be in [0, 1)"), e.getMessage());
    }
    assertEquals(0.05, withMargin(null).margin());
    assertEquals(0.0, withMargin(0.0).margin());
  }

  /** margin 0.9 over chance 0.25 put the threshold at 1.15, and the task was still predicted. */
  @Test
  void chancePlusMarginMustStayBelowOne() {
    String e = error(null, null, List.of(new PredictSpec.TaskSpec("arc", 0.25, null)), 0.9);
    assertTrue(e.contains("tasks: arc: chance 0.25 + margin 0.9"), e);
  }

  /** A negative refusal threshold refused every quantity; a large one still turns them off. */
  @Test
  void refusalThresholdsMustBeAboveZero() {
    InputException e = assertThrows(InputException.class, () -> refusals(0.03, -0.05));
    assertTrue(
        e.getMessage().startsWith("backtest: refuse_loss and refuse_points"), e.getMessage());
    assertEquals(100.0, refusals(100.0, 100.0).refusePoints());
  }

  /** A loss named twice, and an empty list of holdout depths, are errors (both passed, exit 0). */
  @Test
  void aLossTwiceAndNoHoldoutDepthAreErrors() {
    assertEquals("losses: [l, l] names a column twice", error(null, List.of("l", "l"), null, null));
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                new BacktestSpec(null, List.of(), null, null, null, null, null, null, null, null));
    assertTrue(e.getMessage().startsWith("backtest: quantiles is empty"), e.getMessage());
  }

  /** The error of a config with target_where {@code run_id: target} and these keys. */
  private static String error(
      Map<String, Double> at,
      List<String> losses,
      List<PredictSpec.TaskSpec> tasks,
      Double margin) {
    Map<String, String> where = Map.of("run_id", "target");
    return assertThrows(
            InputException.class, () -> new PredictSpec(where, at, losses, tasks, margin, null))
        .getMessage();
  }

  private static BacktestSpec refusals(Double loss, Double points) {
    return new BacktestSpec(null, null, null, loss, points, null, null, null, null, null);
  }

  /** target_at was read and target_where ignored, exit 0. */
  @Test
  void aTrainedAndAPlannedTargetAtOnceIsAnError() {
    String e = error(Map.of("n_params", 1e9, "tokens", 2e10), null, null, null);
    assertTrue(e.contains("'target_where' (a trained run) or 'target_at'"), e);
  }
}
