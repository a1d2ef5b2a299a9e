package org.scalecast.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.flp.BacktestSpec;
import org.scalecast.fit.flp.BacktestSummary;
import org.scalecast.fit.flp.Calibration;
import org.scalecast.fit.flp.PredictionRow;
import org.scalecast.fit.flp.RefusalReason;
import org.scalecast.results.QuantityKind;

class PredictionTablesTest {
  /** predictions.csv names the rule of a refused row, and nothing on a predicted one. */
  @Test
  void theCsvCarriesTheRefusalsRule() {
    PredictionRow predicted =
        PredictionRow.of("a", QuantityKind.SCORE, "direct", 0.5, 0.4, 0.6, 0.52, null)
            .asChosenInAdvance();
    PredictionRow refused =
        PredictionRow.of("b", QuantityKind.SCORE, "direct", 0.5, 0.4, 0.6, 0.52, null)
            .asChosenInAdvance()
            .asRefused(RefusalReason.DISAGREEMENT, "not predictable from these runs: x");
    List<String> lines = PredictionTables.csv(List.of(predicted, refused)).lines().toList();
    List<String> header = List.of(lines.get(0).split(","));
    int refusal = header.indexOf("refusal");
    int not = header.indexOf("not_predictable");
    assertEquals(List.of("false", ""), cells(lines.get(1), not, refusal));
    assertEquals(List.of("true", "disagreement"), cells(lines.get(2), not, refusal));
  }

  /**
   * The disagreement column is the spread of the methods within the refusal threshold, then every
   * method's: every method's alone, 43.1 points on a predicted task, read as contradicting the
   * refusals (a new user, twenty-sixth session).
   */
  @Test
  void disagreementIsWithinTheThresholdThenOverEveryMethod() {
    List<PredictionRow> rows =
        List.of(
            scored("a", 0.50, 0.03).asChosenInAdvance(),
            scored("b", 0.54, 0.04),
            scored("c", 0.90, 0.08));
    List<String> md = new java.util.ArrayList<>();
    PredictionTables.trust(md, rows, BacktestSpec.defaults(), List.of());
    String row = md.stream().filter(l -> l.startsWith("| q |")).findFirst().orElseThrow();
    assertTrue(row.endsWith("| 4.0 pt (all: 40.0 pt) |"), row);
    // A method without backtest cases counts by its leave-one-run-out error, as the refusal
    // counts it (a review: the one that refused Pythia's ARC-Easy was left out).
    List<PredictionRow> untested = new java.util.ArrayList<>(rows);
    untested.add(
        PredictionRow.of("q", QuantityKind.SCORE, "d", 0.60, 0.5, 0.7, 0.52, null)
            .withLoro(0.01, 0.01, 5, null));
    md.clear();
    PredictionTables.trust(md, untested, BacktestSpec.defaults(), List.of());
    row = md.stream().filter(l -> l.startsWith("| q |")).findFirst().orElseThrow();
    assertTrue(row.endsWith("| 10.0 pt (all: 40.0 pt) |"), row);
    // One method: no spread, and no "all: 0.0 pt" that reads as agreement (a new user's Jais).
    md.clear();
    PredictionTables.trust(md, List.of(rows.get(0)), BacktestSpec.defaults(), List.of());
    row = md.stream().filter(l -> l.startsWith("| q |")).findFirst().orElseThrow();
    assertTrue(row.endsWith("| n/a: one method predicted |"), row);
    // A refused chosen row is a method with a number, the one it withholds: its refusal may name
    // the other one, and the spread is theirs (a review: "0.0 pt" beside a disagreement).
    md.clear();
    PredictionRow refused =
        rows.get(0).asRefused(RefusalReason.DISAGREEMENT, "not predictable from these runs: b");
    PredictionTables.trust(md, List.of(refused, rows.get(1)), BacktestSpec.defaults(), List.of());
    row = md.stream().filter(l -> l.startsWith("| q |")).findFirst().orElseThrow();
    assertTrue(row.endsWith("| 4.0 pt (all: 4.0 pt) |"), row);
  }

  /** A score row of method {@code m} with an expected backtest error. */
  private static PredictionRow scored(String m, double predicted, double expected) {
    return PredictionRow.of("q", QuantityKind.SCORE, m, predicted, 0.4, 0.6, 0.52, null)
        .withBacktest(
            new BacktestSummary(
                6,
                expected,
                expected,
                0.5,
                expected,
                6,
                Calibration.CONFORMAL,
                BacktestSpec.IntervalScale.DISTANCE,
                null,
                null,
                null,
                0.9,
                0.4,
                0.6,
                null,
                null,
                2,
                null,
                List.of()));
  }

  /** The cells at two columns of a row whose earlier cells hold no comma. */
  private static List<String> cells(String line, int a, int b) {
    String[] c = line.split(",", -1);
    return List.of(c[a], c[b]);
  }
}
