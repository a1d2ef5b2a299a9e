package org.scalecast.fit.gadre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scalecast.results.InputException;

/**
 * A run's evaluation without one of the tasks averaged is named (it was a NullPointerException).
 */
class GadreRunTest {
  @Test
  void aMissingTaskIsNamed() {
    GadreRun r = new GadreRun("c4-m-1.0", "c4", "m", 1e8, 2e9, 1.0, 3.2, Map.of("piqa", 0.6));
    assertEquals(0.4, r.meanError(List.of("piqa")), 1e-12);
    InputException e =
        assertThrows(InputException.class, () -> r.meanError(List.of("piqa", "arc")));
    assertEquals(
        "run c4-m-1.0: its evaluation file has no accuracy for task 'arc'", e.getMessage());
  }
}
