package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scalecast.results.InputException;

/**
 * {@code margin:} is checked on load: 2 refused every task as if no sampling run had emerged, and
 * -0.1 changed choices, both with exit 0 (a bad-input hunt, twentieth session).
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
}
