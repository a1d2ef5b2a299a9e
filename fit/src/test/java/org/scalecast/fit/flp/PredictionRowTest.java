package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.results.QuantityKind;

/** Issue 11: a prediction outside its kind's valid range is flagged in the row's warning. */
class PredictionRowTest {
  private static PredictionRow row(QuantityKind kind, double predicted, String warning) {
    return PredictionRow.of("q", kind, "m", predicted, Double.NaN, Double.NaN, Double.NaN, warning);
  }

  @Test
  void aLossAtOrBelowZeroIsFlagged() {
    assertEquals(
        "predicted loss -3.950 is outside a loss's valid range (> 0): the law has left its domain",
        row(QuantityKind.LOSS, -3.95, null).warning());
    assertEquals(
        "outside the fitted range; predicted loss 0.000 is outside a loss's valid range (> 0):"
            + " the law has left its domain",
        row(QuantityKind.LOSS, 0, "outside the fitted range").warning());
    assertNull(row(QuantityKind.LOSS, 2.5, null).warning());
    assertNull(row(QuantityKind.LOSS, Double.NaN, null).warning(), "no prediction, no flag");
  }

  @Test
  void aScoreOutsideZeroToOneIsFlagged() {
    assertEquals(
        "predicted score 1.200 is outside a score's valid range ([0, 1]): the law has left its"
            + " domain",
        row(QuantityKind.SCORE, 1.2, null).warning());
    assertNull(row(QuantityKind.SCORE, 0, null).warning());
    assertNull(row(QuantityKind.SCORE, 1, null).warning());
    assertEquals(
        "predicted score -0.01000 is outside a score's valid range ([0, 1]): the law has left its"
            + " domain",
        row(QuantityKind.SCORE, -0.01, null).warning());
  }

  /**
   * A refused row drops the warnings about the interval it no longer prints (a review found a
   * far-target refusal still saying its interval was wide and reached the threshold).
   */
  @Test
  void aRefusedRowDropsItsIntervalsWarnings() {
    PredictionRow r =
        PredictionRow.of(
            "q",
            QuantityKind.SCORE,
            "m",
            0.25,
            0.2,
            0.3,
            0.37,
            "a; "
                + Backtest.NOT_YET_EMERGED
                + " 0.300: the interval reaches it; "
                + SamplingRuns.WIDE_WARNING
                + "; b; "
                + Widening.NO_NOISE // about the interval too (reviews, thirtieth session)
                + "; "
                + String.format(Widening.SHRUNK, 12));
    assertEquals("why; a; b", r.asRefused(RefusalReason.DISAGREEMENT, "why").warning());
  }

  /**
   * The --json fields in one order every build (covered and not_predictable swapped between two).
   */
  @Test
  void jsonFieldsComeInOneOrder() throws Exception {
    PredictionRow r =
        PredictionRow.of("acc", QuantityKind.SCORE, "direct", 0.5, 0.4, 0.6, 0.55, null);
    java.util.List<String> names = new java.util.ArrayList<>();
    org.scalecast.fit.io.FitFile.JSON.valueToTree(r).fieldNames().forEachRemaining(names::add);
    assertEquals(
        List.of(
            "quantity",
            "method",
            "predicted",
            "lower",
            "upper",
            "actual",
            "abs_error",
            "rel_error",
            "covered",
            "warning",
            "loro_abs_error",
            "loro_rel_error",
            "loro_runs",
            "best",
            "chosen_in_advance",
            "not_predictable",
            "refusal",
            "withheld",
            "kind",
            "backtest"),
        names);
  }

  /** The warnings every row shares are said once; each row keeps the rest ("" when none). */
  @Test
  void sharedWarningsAreThoseOfEveryRow() {
    PredictionRow a = row(QuantityKind.SCORE, 0.5, "wide; chosen by LORO");
    PredictionRow b = row(QuantityKind.SCORE, 0.6, "chosen by LORO");
    PredictionRow c = row(QuantityKind.SCORE, 0.7, null);
    List<String> shared = PredictionRow.sharedWarnings(List.of(a, b));
    assertEquals(List.of("chosen by LORO"), shared);
    assertEquals("wide", a.warningExcept(shared));
    assertEquals("", b.warningExcept(shared));
    assertEquals(List.of(), PredictionRow.sharedWarnings(List.of(a, b, c)));
    assertEquals(List.of(), PredictionRow.sharedWarnings(List.of(a)), "one row: its own");
    // A refusal's reason shared by every row stays on each (hoisted, every "why refused" cell was
    // empty: review of the change); what follows it is still shared.
    PredictionRow r1 =
        row(QuantityKind.SCORE, 0.5, "chosen by LORO")
            .asRefused(RefusalReason.UNCHECKED, "not checked");
    PredictionRow r2 =
        row(QuantityKind.SCORE, 0.6, "chosen by LORO")
            .asRefused(RefusalReason.UNCHECKED, "not checked");
    assertEquals(List.of("chosen by LORO"), PredictionRow.sharedWarnings(List.of(r1, r2)));
    assertEquals("not checked", r1.warningExcept(List.of("chosen by LORO")));
    // Nor does a refused row say it has no interval: it prints none (a reviewer's two-run ladder).
    PredictionRow none =
        row(QuantityKind.SCORE, 0.5, SamplingRuns.NO_INTERVAL_WARNING)
            .asRefused(RefusalReason.UNCHECKED, "not checked");
    assertEquals("not checked", none.warning());
  }
}
