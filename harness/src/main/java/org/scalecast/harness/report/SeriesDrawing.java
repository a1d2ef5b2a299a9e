package org.scalecast.harness.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Turns {@link Plot.Series} into XChart series on one chart: drops the points an axis cannot show
 * (not finite, or not positive on a log axis), draws intervals under what they belong to, and
 * tracks the range of each axis for {@link FigureStyle}.
 */
final class SeriesDrawing {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 500;
  // XChart draws a line segment by segment: round caps fill the joints between them.
  private static final BasicStroke SOLID =
      new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  private static final BasicStroke DASHED =
      new BasicStroke(
          1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {6, 5}, 0);

  private final Plot.Scale xScale;
  private final Plot.Scale yScale;
  private final XYChart chart = new XYChart(WIDTH, HEIGHT);
  private AxisRange xRange = AxisRange.EMPTY;
  private AxisRange yRange = AxisRange.EMPTY;
  private AxisRange intervals = AxisRange.EMPTY;
  private int hidden;
  private String longestName = "";

  SeriesDrawing(Plot.Scale xScale, Plot.Scale yScale) {
    this.xScale = xScale;
    this.yScale = yScale;
  }

  /** The x values drawn so far. */
  AxisRange xRange() {
    return xRange;
  }

  /** Adds one series, its interval first so that the series is drawn over it. */
  void add(Plot.Series s) {
    int[] keep =
        IntStream.range(0, s.x().length)
            .filter(i -> shown(s.x()[i], xScale) && shown(s.y()[i], yScale))
            .toArray();
    if (keep.length == 0) {
      return; // nothing this axis can show; an empty XChart series has no range
    }
    if (s.lo() != null && s.hi() != null) {
      boolean line = s.style() == Plot.Style.LINE || s.style() == Plot.Style.DASHED;
      int[] both =
          Arrays.stream(keep)
              .filter(i -> Double.isFinite(s.lo()[i]) && shown(s.hi()[i], yScale))
              .toArray();
      if (line) {
        band(s, both);
      } else {
        bars(s, both);
      }
    }
    XYSeries x = xy(s.name(), pick(s.x(), keep), pick(s.y(), keep), false);
    style(x, s.style(), s.color());
  }

  /** The chart, styled, with its titles. */
  XYChart chart(String title, String xLabel, String yLabel) {
    chart.setTitle(title);
    chart.setXAxisTitle(xLabel);
    chart.setYAxisTitle(yLabel);
    AxisRange y = yRange.widenedBy(intervals, yScale);
    if (y.min() <= y.max()) { // else nothing to show: XChart draws empty axes
      chart.getStyler().setYAxisMin(y.min()).setYAxisMax(y.max());
    }
    FigureStyle.apply(chart.getStyler(), xScale, xRange, yScale, y);
    fitTitle(title);
    return chart;
  }

  /**
   * The title's font made smaller, down to 9 points, when the title is wider than the plot area
   * beside the legend: XChart centres it there and clips what does not fit (a new user's OLMo
   * report lost the first letters of "hellaswag_val_rc_5shot_len_norm against
   * hellaswag_val_rc_5shot_bpb" beside a wide legend, fifteenth session).
   */
  private void fitTitle(String title) {
    Font font = chart.getStyler().getChartTitleFont();
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      // The legend's text, its marker and padding, and the y axis' title and tick labels.
      int legend = g.getFontMetrics(chart.getStyler().getLegendFont()).stringWidth(longestName);
      int available = WIDTH - legend - 150;
      int wide = g.getFontMetrics(font).stringWidth(title);
      if (wide > available) {
        float size = Math.max(9f, font.getSize2D() * available / wide);
        chart.getStyler().setChartTitleFont(font.deriveFont(size));
      }
    } finally {
      g.dispose();
    }
  }

  /** A line's interval: the polygon along its lower ends and back along its upper ends. */
  private void band(Plot.Series s, int[] keep) {
    if (keep.length < 2) {
      return;
    }
    int n = keep.length;
    double[] x = new double[2 * n];
    double[] y = new double[2 * n];
    for (int j = 0; j < n; j++) {
      x[j] = s.x()[keep[j]];
      y[j] = lower(s.lo()[keep[j]]);
      x[2 * n - 1 - j] = s.x()[keep[j]];
      y[2 * n - 1 - j] = s.hi()[keep[j]];
    }
    XYSeries b = xy(null, x, y, true);
    b.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
    b.setFillColor(translucent(s.color()));
    b.setLineColor(translucent(s.color()));
    b.setLineStyle(new BasicStroke(0.5f));
    b.setMarker(SeriesMarkers.NONE);
  }

  /** Points' intervals: one vertical bar each, NaN between them so that XChart breaks the line. */
  private void bars(Plot.Series s, int[] keep) {
    if (keep.length == 0) {
      return;
    }
    double[] x = new double[3 * keep.length];
    double[] y = new double[3 * keep.length];
    for (int j = 0; j < keep.length; j++) {
      int i = keep[j];
      x[3 * j] = x[3 * j + 1] = x[3 * j + 2] = s.x()[i];
      y[3 * j] = lower(s.lo()[i]);
      y[3 * j + 1] = s.hi()[i];
      y[3 * j + 2] = Double.NaN;
    }
    XYSeries b = xy(null, x, y, true);
    b.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    b.setLineColor(s.color());
    b.setLineStyle(SOLID);
    b.setMarker(SeriesMarkers.NONE);
  }

  private static void style(XYSeries x, Plot.Style style, Color c) {
    x.setLineColor(c);
    x.setMarkerColor(c);
    switch (style) {
      case POINTS -> scatter(x, SeriesMarkers.CIRCLE);
      case DIAMONDS -> scatter(x, new Larger(SeriesMarkers.DIAMOND));
      case SQUARES -> scatter(x, new Larger(SeriesMarkers.SQUARE));
      case LINE -> line(x, SOLID);
      case DASHED -> line(x, DASHED);
    }
  }

  private static void scatter(XYSeries x, Marker m) {
    x.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    x.setMarker(m);
  }

  private static void line(XYSeries x, BasicStroke stroke) {
    x.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    x.setLineStyle(stroke);
    x.setMarker(SeriesMarkers.NONE);
  }

  /**
   * Adds a series; XChart needs unique names, so one without a legend entry gets a hidden one.
   * Intervals widen the y axis only as far as {@link AxisRange#widenedBy} lets them.
   */
  private XYSeries xy(String name, double[] x, double[] y, boolean interval) {
    for (double v : x) {
      xRange = xRange.with(v);
    }
    for (double v : y) {
      if (Double.isNaN(v)) {
        continue; // a break between bars
      }
      if (interval) {
        intervals = intervals.with(v);
      } else {
        yRange = yRange.with(v);
      }
    }
    XYSeries s = chart.addSeries(name == null ? "(no legend entry) " + hidden++ : name, x, y);
    s.setShowInLegend(name != null);
    if (name != null && name.length() > longestName.length()) {
      longestName = name;
    }
    return s;
  }

  private static boolean shown(double v, Plot.Scale scale) {
    return Double.isFinite(v) && (scale == Plot.Scale.LINEAR || v > 0);
  }

  /**
   * An interval's lower end as drawn: on a log axis, one at or below zero has no place, so it is
   * drawn as running off the bottom of the plot.
   */
  private double lower(double v) {
    return yScale == Plot.Scale.LOG && v <= 0 ? Double.MIN_NORMAL : v;
  }

  private static double[] pick(double[] v, int[] keep) {
    return Arrays.stream(keep).mapToDouble(i -> v[i]).toArray();
  }

  private static Color translucent(Color c) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), 60);
  }

  /** A marker drawn larger than the chart's marker size, for the points a figure is about. */
  private static final class Larger extends Marker {
    private final Marker inner;

    Larger(Marker inner) {
      this.inner = inner;
    }

    @Override
    public void paint(Graphics2D g, double x, double y, int size) {
      inner.paint(g, x, y, size * 2);
    }
  }
}
