package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.results.QuantityKind;

/** The chosen rows' counts, mean error and intervals held, per group of quantities. */
class AdvanceSummaryTest {
  private static PredictionRow chosen(
      String q, QuantityKind kind, Double v, double lo, double hi, double actual) {
    PredictionRow r =
        v == null
            ? PredictionRow.refusal(q, kind, "m", actual, "not predictable from these runs")
            : PredictionRow.of(q, kind, "m", v, lo, hi, actual, null);
    return r.asChosenInAdvance();
  }

  @Test
  void countsRefusalsAndAveragesOnlyThePredictedRowsAgainstTheirActualValues() {
    List<PredictionRow> rows =
        List.of(
            chosen("loss", QuantityKind.LOSS, 2.2, 2.0, 2.4, 2.0),
            chosen("a", QuantityKind.SCORE, 0.50, 0.45, 0.55, 0.52),
            chosen("b", QuantityKind.SCORE, 0.70, 0.68, 0.72, 0.76),
            chosen("c", QuantityKind.SCORE, null, 0, 0, 0.30),
            chosen(Quantity.MEAN_ERROR, QuantityKind.SCORE, null, 0, 0, 0.4),
            // Not chosen: not counted.
            PredictionRow.of("a", QuantityKind.SCORE, "other", 0.9, 0.8, 1.0, 0.52, null));
    List<AdvanceSummary> s = AdvanceSummary.of(rows);
    assertEquals(3, s.size());
    assertEquals(
        "losses: 1 of 1 predicted, 0 refused; against the actual values: mean absolute error 10.00% over"
            + " 1, 1 of 1 90% intervals held, median width 18.18%",
        s.get(0).line(0.9));
    // Tasks: (2 + 6) / 2 = 4 points; b's interval misses; c refused and not averaged; widths 10
    // and 4 points, their median 7.
    assertEquals(
        "tasks: 2 of 3 predicted, 1 refused; against the actual values: mean absolute error 4.0 pt over 2,"
            + " 1 of 2 90% intervals held, median width 7.0 pt",
        s.get(1).line(0.9));
    assertEquals("mean_error: 0 of 1 predicted, 1 refused", s.get(2).line(0.9));
  }

  /**
   * Over several targets each target's quantity counts apart: two targets of the same two tasks are
   * four tasks (a user added up nine targets' lines by hand, Gemstones).
   */
  @Test
  void severalTargetsCountEachTargetsQuantitiesApart() {
    List<PredictionRow> first =
        List.of(
            chosen("a", QuantityKind.SCORE, 0.50, 0.45, 0.55, 0.52),
            chosen("b", QuantityKind.SCORE, null, 0, 0, 0.30));
    List<PredictionRow> second =
        List.of(
            chosen("a", QuantityKind.SCORE, 0.60, 0.55, 0.65, 0.70),
            PredictionRow.of("b", QuantityKind.SCORE, "other", 0.9, 0.8, 1.0, 0.52, null));
    List<AdvanceSummary> s = AdvanceSummary.ofTargets(List.of(first, second));
    // Second target's b has no row chosen in advance: refused, as for one target.
    assertEquals(
        "tasks: 2 of 4 predicted, 2 refused (1 with no method chosen: none could predict, or be"
            + " checked); against the actual values: mean absolute error 6.0 pt over 2, 1 of 2 90%"
            + " intervals held, median width 10.0 pt",
        s.get(0).line(0.9));
  }

  /**
   * A quantity every method failed on has no row chosen in advance; it still counts, as refused (a
   * review: "tasks: 1 of 1 predicted" where two tasks were asked for). A row with an actual value
   * and no interval says nothing of intervals ("0 of 0 held" before).
   */
  @Test
  void aQuantityWithNoChosenRowCountsAsRefusedAndNoIntervalSaysNothingOfIntervals() {
    List<PredictionRow> rows =
        List.of(
            PredictionRow.of("a", QuantityKind.SCORE, "m", 0.5, Double.NaN, Double.NaN, 0.52, null)
                .asChosenInAdvance(),
            PredictionRow.refusal("b", QuantityKind.SCORE, "m", 0.3, "fit failed"),
            PredictionRow.refusal("b", QuantityKind.SCORE, "n", 0.3, "fit failed"));
    assertEquals(
        "tasks: 1 of 2 predicted, 1 refused (1 with no method chosen: none could predict, or be"
            + " checked); against the actual values: mean absolute error 2.0 pt over 1",
        AdvanceSummary.of(rows).get(0).line(0.9));
    // What predict and report.md list: b too, as a refusal saying why (report.md left it out).
    List<PredictionRow> listed = AdvanceSummary.perQuantity(rows);
    assertEquals(2, listed.size());
    assertEquals("-", listed.get(1).method());
    assertEquals(
        "no method chosen: none could predict, or be checked (m: fit failed)",
        listed.get(1).warning());
  }

  /**
   * A refused row keeps the number it withholds, and the summary audits the refusals against the
   * actual values: were the withheld numbers worse than the printed ones? (sixteenth session)
   */
  @Test
  void refusalsKeepTheirNumberAsWithheldAndTheSummaryAuditsThem() {
    PredictionRow refused =
        PredictionRow.of("c", QuantityKind.SCORE, "m", 0.40, 0.3, 0.5, 0.30, null)
            .asChosenInAdvance()
            .asRefused(RefusalReason.DISAGREEMENT, "not predictable from these runs: x");
    assertEquals(null, refused.predicted());
    assertEquals(0.40, refused.withheld());
    assertEquals(true, refused.notPredictable());
    // Refusing again (a second reason) keeps the first number.
    assertEquals(0.40, refused.asRefused(RefusalReason.DISAGREEMENT, "y").withheld());
    List<PredictionRow> rows =
        List.of(chosen("a", QuantityKind.SCORE, 0.50, 0.45, 0.55, 0.52), refused);
    assertEquals(
        "tasks: 1 of 2 predicted, 1 refused (1 disagreement); against the actual values: mean"
            + " absolute error 2.0 pt over 1, 1 of 1 90% intervals held, median width 10.0 pt; the number the refusal withheld: mean absolute"
            + " error 10.0 pt over 1; printed and withheld together: 6.0 pt over 2",
        AdvanceSummary.of(rows).get(0).line(0.9));
    // Without an actual value there is nothing to audit.
    PredictionRow planned =
        PredictionRow.of("c", QuantityKind.SCORE, "m", 0.40, 0.3, 0.5, Double.NaN, null)
            .asChosenInAdvance()
            .asRefused(RefusalReason.DISAGREEMENT, "not predictable from these runs: x");
    assertEquals(
        "tasks: 0 of 1 predicted, 1 refused (1 disagreement)",
        AdvanceSummary.of(List.of(planned)).get(0).line(0.9));
  }

  /** The line counts the refusals by rule, in the rules' order. */
  @Test
  void countsTheRefusalsByRule() {
    List<PredictionRow> rows = new java.util.ArrayList<>();
    rows.add(refusedBy("a", RefusalReason.DISAGREEMENT));
    rows.add(refusedBy("b", RefusalReason.SHORT_RANGE_ONLY));
    rows.add(refusedBy("c", RefusalReason.DISAGREEMENT));
    rows.add(chosen("d", QuantityKind.SCORE, 0.50, 0.45, 0.55, Double.NaN));
    assertEquals(
        "tasks: 1 of 4 predicted, 3 refused (1 short_range_only, 2 disagreement); 90% intervals'"
            + " median width 10.0 pt",
        AdvanceSummary.of(rows).get(0).line(0.9));
    // A quantity without a chosen row counts in the same parentheses (a review: two side by side).
    rows.add(PredictionRow.refusal("e", QuantityKind.SCORE, "m", Double.NaN, "too few points"));
    assertEquals(
        "tasks: 1 of 5 predicted, 4 refused (1 short_range_only, 2 disagreement, 1 with no method"
            + " chosen: none could predict, or be checked); 90% intervals' median width 10.0 pt",
        AdvanceSummary.of(rows).get(0).line(0.9));
  }

  private static PredictionRow refusedBy(String quantity, RefusalReason reason) {
    return chosen(quantity, QuantityKind.SCORE, 0.50, 0.45, 0.55, Double.NaN)
        .asRefused(reason, "not predictable from these runs: x");
  }

  @Test
  void aPlannedTargetHasCountsOnly() {
    List<PredictionRow> rows = List.of(chosen("a", QuantityKind.SCORE, 0.5, 0.4, 0.6, Double.NaN));
    // A planned target's intervals are judged by their width alone (a new user's Falcon-H1 ladder:
    // every interval held at 31-64 points).
    assertEquals(
        "tasks: 1 of 1 predicted, 0 refused; 95% intervals' median width 20.0 pt",
        AdvanceSummary.of(rows).get(0).line(0.95));
  }
}
