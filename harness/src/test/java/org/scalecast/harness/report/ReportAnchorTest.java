package org.scalecast.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.Observations;
import org.scalecast.fit.flp.Preparation;

/**
 * The prepare: anchor (loss 0, score 1) is stage 2's point of a pseudo-run, not a checkpoint: the
 * score-against-loss figure drew and labelled it as an emerged one (a new user, twenty-fifth
 * session).
 */
class ReportAnchorTest {
  @Test
  void theAnchorIsApartFromTheEmergedCheckpoints() {
    Observations stage2 =
        new Observations(
            List.of("x"),
            "y",
            new double[][] {{1.2}, {1.0}, {0}},
            new double[] {0.4, 0.5, 1},
            List.of("a", "b", Preparation.Anchor.RUN));
    Observations emerged = Report.runs(stage2, false);
    Observations anchor = Report.runs(stage2, true);
    assertEquals(List.of("a", "b"), emerged.runIds());
    assertEquals(1.0, anchor.y()[0]);
    assertEquals(1, anchor.size());
  }
}
