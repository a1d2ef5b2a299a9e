package org.scalecast.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** How an axis is labelled and how far intervals may widen it. */
class AxisRangeTest {

  @Test
  void aFlopsAxisIsLabelledAtItsDecades() {
    AxisRange flops = new AxisRange(3e12, 4e15);
    assertEquals(List.of(1e13, 1e14, 1e15), flops.decades());
    assertTrue(flops.decadesOnly());
    assertEquals(List.of(1e13), new AxisRange(1e13, 1e13).decades(), "a decade at the edge counts");
  }

  @Test
  void aLossAxisWithinOneDecadeIsLabelledAtEveryTick() {
    AxisRange loss = new AxisRange(2.1, 6.6);
    assertEquals(List.of(), loss.decades());
    assertFalse(loss.decadesOnly(), "decades only would leave no label at all");
    assertFalse(new AxisRange(0.5, 3).decadesOnly(), "one decade: one label");
    assertEquals(List.of(), new AxisRange(-1, 5).decades(), "no log axis below zero");
  }

  @Test
  void aHugeIntervalWidensTheAxisByAQuarterOfThePointsSpanAtMost() {
    AxisRange points = new AxisRange(2, 6);
    AxisRange open = new AxisRange(-1e7, 1e7);
    assertEquals(new AxisRange(1, 7), points.widenedBy(open, Plot.Scale.LINEAR));
    AxisRange narrow = new AxisRange(1.5, 6.2);
    assertEquals(new AxisRange(1.5, 6.2), points.widenedBy(narrow, Plot.Scale.LINEAR));
    AxisRange log = new AxisRange(1, 100).widenedBy(new AxisRange(1e-300, 1e300), Plot.Scale.LOG);
    assertEquals(Math.pow(10, -0.5), log.min(), 1e-12);
    assertEquals(Math.pow(10, 2.5), log.max(), 1e-9);
    assertEquals(points, points.widenedBy(AxisRange.EMPTY, Plot.Scale.LINEAR));
  }

  @Test
  void linearTicksKeepTheirLeadingZeroAndEnoughDecimals() {
    assertEquals("0.045", format(new AxisRange(0, 0.05), 0.045));
    assertEquals("2.5", format(new AxisRange(2, 8), 2.5));
    assertEquals("15", format(new AxisRange(0, 40), 15));
    assertEquals("1.5E7", format(new AxisRange(-1.6e7, 1.6e7), 1.5e7));
  }

  private static String format(AxisRange r, double v) {
    return new DecimalFormat(r.linearPattern(), DecimalFormatSymbols.getInstance(Locale.ROOT))
        .format(v);
  }
}
