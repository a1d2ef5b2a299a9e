package org.scalecast.harness.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.w3c.dom.Document;

/** The report's figures: files, axes, bands and bars, drawn headless. */
class PlotTest {
  private static final Color GREEN = Plot.PALETTE[2];

  @TempDir Path dir;

  /** Loss against FLOPs as the report draws it: points, a fit with its band, a target. */
  private static Plot lossFigure() {
    double[] c = {3e12, 2e13, 1e14, 6e14, 4e15};
    double[] loss = {5.9, 4.8, 4.0, 3.3, 2.8};
    double[] lo = {5.6, 4.6, 3.8, 3.0, 2.4};
    double[] hi = {6.2, 5.0, 4.2, 3.6, 3.3};
    return new Plot("loss against FLOPs", "C", "loss", Plot.Scale.LOG, Plot.Scale.LOG)
        .add(new Plot.Series("runs", c, loss, Plot.Style.POINTS, GREEN))
        .add(new Plot.Series("fit", c, loss, lo, hi, Plot.Style.LINE, Plot.PALETTE[0]))
        .add(
            new Plot.Series(
                "target",
                new double[] {4e15},
                new double[] {2.9},
                new double[] {2.5},
                new double[] {3.4},
                Plot.Style.DIAMONDS,
                Plot.PALETTE[1]));
  }

  /**
   * A title wider than the plot area beside the legend is set smaller, not clipped: a new user's
   * OLMo report lost the first letters of a task's title beside a wide legend (fifteenth session).
   */
  @Test
  void aLongTitleBesideAWideLegendIsSetSmallerToFit() {
    double[] x = {1, 2};
    double[] y = {1, 2};
    String name = "target, predicted (power+sigmoid, chosen in advance)";
    String shortTitle = "loss against FLOPs";
    String longTitle =
        "hellaswag_val_rc_5shot_len_norm against hellaswag_val_rc_5shot_bpb, a long title";
    Plot.Series s = new Plot.Series(name, x, y, Plot.Style.POINTS, GREEN);
    XYChart fits =
        new Plot(shortTitle, "x", "y", Plot.Scale.LINEAR, Plot.Scale.LINEAR).add(s).chart();
    XYChart wide =
        new Plot(longTitle, "x", "y", Plot.Scale.LINEAR, Plot.Scale.LINEAR).add(s).chart();
    float size = fits.getStyler().getChartTitleFont().getSize2D();
    assertTrue(wide.getStyler().getChartTitleFont().getSize2D() < size, "not made smaller");
    assertTrue(wide.getStyler().getChartTitleFont().getSize2D() >= 9f);
  }

  @Test
  void writesAPngAndAWellFormedSvgOfTheSameName() throws Exception {
    Path png = dir.resolve("loss_vs_flops_val_loss.png");
    lossFigure().write(png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(900, img.getWidth());
    assertEquals(500, img.getHeight());
    Path svg = dir.resolve("loss_vs_flops_val_loss.svg");
    DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
    // The SVG names the SVG 1.1 DTD; parse offline, as CI does.
    xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = xml.newDocumentBuilder().parse(svg.toFile());
    assertEquals("svg", doc.getDocumentElement().getTagName());
    String text = Files.readString(svg);
    // The runs' points, in their own colour (XChart writes text as outlines, not as names).
    assertTrue(text.contains("fill:rgb(0,158,115)"), "no green points in the SVG");
    assertTrue(doc.getElementsByTagName("ellipse").getLength() >= 5, "the runs' markers");
  }

  @Test
  void writingTwiceGivesTheSameBytes() throws IOException {
    // Report folders are compared byte for byte after a kill (FaultSuiteTest).
    Path a = dir.resolve("a/f.png");
    Path b = dir.resolve("b/f.png");
    lossFigure().write(a);
    lossFigure().write(b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertArrayEquals(
        Files.readAllBytes(a.resolveSibling("f.svg")),
        Files.readAllBytes(b.resolveSibling("f.svg")));
  }

  @Test
  void logAxesAreLabelledAtDecadesWhereTwoOrMoreFallInTheRange() {
    XYChart chart = lossFigure().chart();
    assertTrue(chart.getStyler().isXAxisLogarithmic());
    assertTrue(chart.getStyler().isXAxisLogarithmicDecadeOnly(), "1E13, 1E14, 1E15");
    assertTrue(chart.getStyler().isYAxisLogarithmic());
    assertFalse(chart.getStyler().isYAxisLogarithmicDecadeOnly(), "2.4..6.2: label 3, 4, 5, 6");
    assertTrue(chart.getStyler().isPlotGridLinesVisible());
  }

  @Test
  void aLineIntervalIsABandUnderTheLineAndAPointIntervalABar() throws IOException {
    List<XYSeries> series = List.copyOf(lossFigure().chart().getSeriesMap().values());
    XYSeries band = series.get(1);
    assertEquals(XYSeriesRenderStyle.PolygonArea, band.getXYSeriesRenderStyle());
    assertFalse(band.isShowInLegend());
    // Along the lower ends, back along the upper ends.
    assertArrayEquals(
        new double[] {5.6, 4.6, 3.8, 3.0, 2.4, 3.3, 3.6, 4.2, 5.0, 6.2}, band.getYData(), 0);
    assertEquals(translucent(Plot.PALETTE[0]), band.getFillColor());
    assertEquals("fit", series.get(2).getName(), "the line after its band, so drawn over it");
    XYSeries bar = series.get(3);
    assertEquals(XYSeriesRenderStyle.Line, bar.getXYSeriesRenderStyle());
    assertArrayEquals(new double[] {2.5, 3.4, Double.NaN}, bar.getYData(), 0);
    Path png = dir.resolve("f.png");
    lossFigure().write(png);
    String svg = Files.readString(dir.resolve("f.svg"));
    assertTrue(svg.contains("fill:rgb(0,114,178);fill-opacity:"), "no shaded band in the SVG");
  }

  @Test
  void anOpenIntervalRunsOffThePlotInsteadOfSqueezingThePoints() {
    XYChart chart =
        new Plot(
                "predicted against actual",
                "actual",
                "predicted",
                Plot.Scale.LINEAR,
                Plot.Scale.LINEAR)
            .add(
                new Plot.Series(
                    "best",
                    new double[] {1.9, 2.3, 2.7},
                    new double[] {1.8, 2.4, 2.6},
                    new double[] {1.7, -1.6e7, 2.5},
                    new double[] {1.9, 1.6e7, 2.7},
                    Plot.Style.DIAMONDS,
                    Plot.PALETTE[1]))
            .chart();
    assertEquals(1.6, chart.getStyler().getYAxisMin(), 1e-12);
    assertEquals(2.8, chart.getStyler().getYAxisMax(), 1e-12);
  }

  @Test
  void pointsALogAxisCannotShowAreLeftOutAndARuleSpansTheOthers() {
    XYChart chart =
        new Plot("score against loss", "loss", "score", Plot.Scale.LOG, Plot.Scale.LINEAR)
            .add(
                new Plot.Series(
                    "points",
                    new double[] {-1, 0, 2, 4, Double.NaN},
                    new double[] {0.1, 0.2, 0.3, 0.4, 0.5},
                    Plot.Style.POINTS,
                    GREEN))
            .add(
                new Plot.Series(
                    "nothing", new double[] {0}, new double[] {1}, Plot.Style.LINE, GREEN))
            .rule(0.3, "chance")
            .chart();
    assertArrayEquals(new double[] {2, 4}, chart.getSeriesMap().get("points").getXData(), 0);
    assertFalse(chart.getSeriesMap().containsKey("nothing"), "no point to draw, no legend entry");
    assertArrayEquals(new double[] {2, 4}, chart.getSeriesMap().get("chance").getXData(), 0);
  }

  @Test
  void aFigureWithNothingToShowIsStillWritten() throws IOException {
    Path png = dir.resolve("empty.png");
    new Plot("nothing", "x", "y", Plot.Scale.LOG, Plot.Scale.LOG)
        .add(new Plot.Series("none", new double[] {0}, new double[] {-1}, Plot.Style.POINTS, GREEN))
        .rule(Double.NaN, "no rule")
        .write(png);
    assertTrue(Files.size(png) > 0 && Files.size(dir.resolve("empty.svg")) > 0);
  }

  private static Color translucent(Color c) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), 60);
  }
}
