package org.scalecast.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
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

  /** The cells at two columns of a row whose earlier cells hold no comma. */
  private static List<String> cells(String line, int a, int b) {
    String[] c = line.split(",", -1);
    return List.of(c[a], c[b]);
  }
}
