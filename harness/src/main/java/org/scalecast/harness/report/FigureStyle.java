package org.scalecast.harness.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.knowm.xchart.style.AxesChartStyler.TextAlignment;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;

/** How every report figure looks: white, with gridlines, its legend beside the plot. */
final class FigureStyle {
  private static final Color GRID = new Color(228, 228, 228);
  private static final String FONT = Font.SANS_SERIF;

  private FigureStyle() {}

  /**
   * @param s the chart's styler
   * @param xScale the x scale
   * @param x the x values drawn
   * @param yScale the y scale
   * @param y the y values drawn
   */
  static void apply(XYStyler s, Plot.Scale xScale, AxisRange x, Plot.Scale yScale, AxisRange y) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderColor(Color.DARK_GRAY);
    s.setPlotGridLinesColor(GRID);
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setPlotGridLinesVisible(true);
    // Outside the plot, the legend can never cover a point.
    s.setLegendPosition(LegendPosition.OutsideE);
    s.setLegendBorderColor(Color.LIGHT_GRAY);
    s.setLegendBackgroundColor(Color.WHITE);
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(new Font(FONT, Font.BOLD, 15));
    s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 13));
    s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
    s.setLegendFont(new Font(FONT, Font.PLAIN, 12));
    s.setMarkerSize(6);
    s.setLocale(Locale.ROOT); // 2.5, never 2,5
    s.setYAxisLabelAlignment(TextAlignment.Right); // 1 lines up with 0.9
    // A log axis is labelled by XChart (1E13, or 2, 3, 4 within a decade), a linear one by us.
    s.setXAxisLogarithmic(xScale == Plot.Scale.LOG);
    s.setXAxisLogarithmicDecadeOnly(x.decadesOnly());
    s.setYAxisLogarithmic(yScale == Plot.Scale.LOG);
    s.setYAxisLogarithmicDecadeOnly(y.decadesOnly());
    if (xScale == Plot.Scale.LINEAR) {
      s.setXAxisDecimalPattern(x.linearPattern());
    }
    if (yScale == Plot.Scale.LINEAR) {
      s.setYAxisDecimalPattern(y.linearPattern());
    }
  }
}
