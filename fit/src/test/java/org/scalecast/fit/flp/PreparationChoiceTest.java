package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * prepare: auto keeps the preparation only where the backtest's expected error of the chosen task
 * rows drops by at least 5% (twenty-sixth session: it helped on the OLMo ladder, hurt on Pythia's).
 */
class PreparationChoiceTest {
  /** One target whose one chosen task row expects {@code expected}. */
  private static List<Targets.Named> predicted(double expected) {
    PredictionRow r = BacktestTest.row("direct", 0.5, 0.4, 0.6, null, expected).asChosenInAdvance();
    Target t = new Target("t", 0, 1e20, 1e9, 1e10);
    return List.of(new Targets.Named("7B", new Predictions(t, List.of(r), Map.of())));
  }

  @Test
  void keepsThePreparationOnlyWhereTheBacktestShowsAClearGain() {
    Preparation auto = Preparation.named("auto");
    List<Preparation> asked = new ArrayList<>();
    PreparationChoice.Chosen kept =
        PreparationChoice.choose(
            auto,
            BacktestSpec.defaults(),
            p -> {
              asked.add(p);
              return predicted(p.equals(Preparation.NONE) ? 0.040 : 0.030);
            });
    assertEquals(List.of(Preparation.NONE, Preparation.PAPER), asked);
    assertEquals(Preparation.PAPER, kept.used());
    assertEquals(
        0.030, kept.predictions().get(0).predictions().rows().get(0).backtest().expectedError());
    assertTrue(kept.note().startsWith("prepare: applied: "), kept.note());
    // 0.037 against 0.040 is 7.5% smaller: not kept.
    PreparationChoice.Chosen not =
        PreparationChoice.choose(
            auto,
            BacktestSpec.defaults(),
            p -> predicted(p.equals(Preparation.NONE) ? 0.040 : 0.037));
    assertEquals(Preparation.NONE, not.used());
    assertTrue(not.note().contains("3.70 pt with it and 4.00 pt without"), not.note());
    // Tasks above the threshold either way do not count (a review: one refused task decided).
    PreparationChoice.Chosen refused =
        PreparationChoice.choose(
            auto,
            BacktestSpec.defaults(),
            p -> predicted(p.equals(Preparation.NONE) ? 0.30 : 0.20));
    assertEquals(Preparation.NONE, refused.used());
    assertTrue(refused.note().contains("no task has an expected backtest error"), refused.note());
    // Applied always: predicted once, no note.
    PreparationChoice.Chosen always =
        PreparationChoice.choose(Preparation.PAPER, BacktestSpec.defaults(), p -> predicted(0.05));
    assertEquals(Preparation.PAPER, always.used());
    assertNull(always.note());
  }
}
