package org.scalecast.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LegendNamesTest {
  /**
   * Tasks {@code x/piqa} and {@code piqa} are both {@code piqa} short; the second fell back to its
   * whole name, {@code piqa} again, and XChart refused the report (review of the fourteenth
   * session's change).
   */
  @Test
  void legendNamesStayUniqueWhenAWholeNameIsAnotherShortOne() {
    Set<String> taken = new HashSet<>();
    List<String> names =
        List.of(
            Report.unique(taken, "piqa", "x/piqa"),
            Report.unique(taken, "piqa", "piqa"),
            Report.unique(taken, "hellaswag", "eval/hellaswag"),
            Report.unique(taken, "piqa", "y/piqa"));
    assertEquals(List.of("piqa", "piqa (2)", "hellaswag", "y/piqa"), names);
  }

  /** One checkpoint a run (released models): no "sampling checkpoints" in the legends. */
  @Test
  void aLadderOfFinalCheckpointsOnlyDrawsNoCheckpointsApart() {
    assertFalse(Report.checkpointsApart(4, 4));
    assertTrue(Report.checkpointsApart(40, 4));
  }
}
