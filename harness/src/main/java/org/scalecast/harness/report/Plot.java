package org.scalecast.harness.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.scalecast.results.AtomicFiles;

/**
 * A report figure: scatter and line series on linear or log axes, intervals as shaded bands along
 * lines and as bars on points, and a horizontal rule. XChart draws it, headless, as a PNG for the
 * report and an SVG of the same name beside it for papers.
 */
public final class Plot {
  /** Axis scale. */
  public enum Scale {
    LINEAR,
    LOG
  }

  /** How a series is drawn. */
  public enum Style {
    /** Small circles: the many points behind a fit. */
    POINTS,
    /** Large diamonds: the points a figure is about, such as a prediction. */
    DIAMONDS,
    /** Large squares: what such a point is compared with, such as the measured value. */
    SQUARES,
    /** A solid line; its interval, if any, a shaded band. */
    LINE,
    /** A dashed line; its interval, if any, a shaded band. */
    DASHED
  }

  /**
   * @param name legend entry, or null for none
   * @param x x values
   * @param y y values
   * @param lo lower ends of the intervals, or null
   * @param hi upper ends of the intervals, or null
   * @param style how to draw it
   * @param color its colour
   */
  public record Series(
      String name, double[] x, double[] y, double[] lo, double[] hi, Style style, Color color) {

    /** A series with no intervals. */
    public Series(String name, double[] x, double[] y, Style style, Color color) {
      this(name, x, y, null, null, style, color);
    }
  }

  /** A palette that stays readable in print and for most colour-vision deficiencies (Okabe-Ito). */
  public static final Color[] PALETTE = {
    new Color(0, 114, 178),
    new Color(213, 94, 0),
    new Color(0, 158, 115),
    new Color(204, 121, 167),
    new Color(230, 159, 0),
    new Color(86, 180, 233),
    new Color(0, 0, 0),
    new Color(240, 228, 66)
  };

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final Scale xScale;
  private final Scale yScale;
  private final List<Series> series = new ArrayList<>();
  private double ruleY;
  private String ruleLabel; // null: no rule

  /**
   * @param title the title
   * @param xLabel x axis label
   * @param yLabel y axis label
   * @param xScale x scale
   * @param yScale y scale
   */
  public Plot(String title, String xLabel, String yLabel, Scale xScale, Scale yScale) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.xScale = xScale;
    this.yScale = yScale;
  }

  /**
   * @param s a series
   * @return this
   */
  public Plot add(Series s) {
    series.add(s);
    return this;
  }

  /**
   * @param y where to draw a horizontal rule, across the other series' x range
   * @param label its legend entry
   * @return this
   */
  public Plot rule(double y, String label) {
    this.ruleY = y;
    this.ruleLabel = label;
    return this;
  }

  /**
   * Writes the figure twice, whole: {@code NAME.png} and {@code NAME.svg} beside it.
   *
   * @param png the PNG to write; its name ends in {@code .png}
   * @throws IOException when a file cannot be written
   */
  public void write(Path png) throws IOException {
    String name = png.getFileName().toString();
    if (!name.endsWith(".png")) {
      throw new IllegalArgumentException("not a .png file name: " + png);
    }
    // Before XChart touches AWT: a CI machine has no display.
    System.setProperty("java.awt.headless", "true");
    XYChart chart = chart();
    AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    AtomicFiles.write(
        png.resolveSibling(name.substring(0, name.length() - 4) + ".svg"),
        out ->
            VectorGraphicsEncoder.saveVectorGraphic(
                chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
  }

  /** The XChart chart of this figure; package-private for tests. */
  XYChart chart() {
    SeriesDrawing d = new SeriesDrawing(xScale, yScale);
    for (Series s : series) {
      d.add(s);
    }
    if (ruleLabel != null) {
      AxisRange xr = d.xRange();
      d.add(
          new Series(
              ruleLabel,
              new double[] {xr.min(), xr.max()},
              new double[] {ruleY, ruleY},
              Style.DASHED,
              Color.GRAY));
    }
    return d.chart(title, xLabel, yLabel);
  }
}
