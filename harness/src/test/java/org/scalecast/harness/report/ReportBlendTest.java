package org.scalecast.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figure's blend band is made as {@code DirectBlendMethod} makes the row's interval. */
class ReportBlendTest {
  /**
   * The band's lower end takes the ends' floor, as the row's interval does since the twenty-eighth
   * session (a review: the figure floored the values only, and its band and the printed interval
   * disagreed); with a floor of 0 (a falling task below chance) it is the halves' own.
   */
  @Test
  void theBandsLowerEndTakesTheEndsFloor() {
    double[] x = {1, 2};
    Plot.Series a =
        new Plot.Series(
            "a",
            x,
            new double[] {0.3, 0.4},
            new double[] {0.1, 0.2},
            new double[] {0.5, 0.6},
            Plot.Style.LINE,
            Color.BLACK);
    Plot.Series b =
        new Plot.Series(
            "b",
            x,
            new double[] {0.35, 0.45},
            new double[] {0.15, 0.3},
            new double[] {0.5, 0.6},
            Plot.Style.LINE,
            Color.BLACK);
    Plot.Series floored = Report.blend("m", List.of(a, b), 0.25, 0.25);
    assertEquals(0.25, floored.lo()[0], 1e-12);
    assertEquals(0.25, floored.lo()[1], 1e-12);
    Plot.Series own = Report.blend("m", List.of(a, b), 0.25, 0);
    assertEquals(0.1, own.lo()[0], 1e-12);
    assertEquals(0.2, own.lo()[1], 1e-12);
  }
}
