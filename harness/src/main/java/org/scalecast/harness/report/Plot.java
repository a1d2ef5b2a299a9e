package org.scalecast.harness.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.scalecast.results.AtomicFiles;

/**
 * A small PNG chart: scatter series, line series, error bars and a horizontal rule, on linear or
 * log axes. Written with java.awt in headless mode, so reports need no plotting library and no
 * display.
 */
public final class Plot {
  /** Axis scale. */
  public enum Scale {
    LINEAR,
    LOG
  }

  /** How a series is drawn. */
  public enum Style {
    POINTS,
    LINE,
    DASHED
  }

  /**
   * @param name legend entry, or null for none
   * @param x x values
   * @param y y values
   * @param lo lower ends of error bars, or null
   * @param hi upper ends of error bars, or null
   * @param style how to draw it
   * @param color its colour
   */
  public record Series(
      String name, double[] x, double[] y, double[] lo, double[] hi, Style style, Color color) {}

  private static final int W = 820;
  private static final int H = 480;
  private static final int LEFT = 100;
  private static final int RIGHT = 250;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;

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
  private Double rule;
  private String ruleLabel;

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
   * @param y where to draw a horizontal rule
   * @param label its legend entry
   * @return this
   */
  public Plot rule(double y, String label) {
    this.rule = y;
    this.ruleLabel = label;
    return this;
  }

  /**
   * @param file the PNG to write
   * @throws IOException when it cannot be written
   */
  public void write(Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    double[] xr = range(true);
    double[] yr = range(false);
    axes(g, xr, yr);
    for (Series s : series) {
      draw(g, s, xr, yr);
    }
    if (rule != null) {
      g.setColor(Color.GRAY);
      g.setStroke(dashed());
      int py = py(rule, yr);
      g.drawLine(LEFT, py, W - RIGHT, py);
    }
    legend(g);
    g.dispose();
    AtomicFiles.write(
        file,
        out -> {
          if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer in this Java");
          }
        });
  }

  private double t(double v, boolean x) {
    return (x ? xScale : yScale) == Scale.LOG ? Math.log10(v) : v;
  }

  /** The data range on the drawn scale, padded by 5%. */
  private double[] range(boolean x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      double[][] cols = x ? new double[][] {s.x()} : new double[][] {s.y(), s.lo(), s.hi()};
      for (double[] c : cols) {
        for (int i = 0; c != null && i < c.length; i++) {
          double v = t(c[i], x);
          if (Double.isFinite(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
      }
    }
    if (!x && rule != null) {
      lo = Math.min(lo, t(rule, false));
      hi = Math.max(hi, t(rule, false));
    }
    if (!Double.isFinite(lo)) {
      return new double[] {0, 1};
    }
    double pad = hi > lo ? 0.05 * (hi - lo) : 0.5;
    return new double[] {lo - pad, hi + pad};
  }

  private int px(double v, double[] r) {
    return (int) Math.round(LEFT + (t(v, true) - r[0]) / (r[1] - r[0]) * (W - LEFT - RIGHT));
  }

  private int py(double v, double[] r) {
    return (int) Math.round(H - BOTTOM - (t(v, false) - r[0]) / (r[1] - r[0]) * (H - TOP - BOTTOM));
  }

  private void axes(Graphics2D g, double[] xr, double[] yr) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, LEFT, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawRect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
    for (int i = 0; i <= 5; i++) {
      double fx = xr[0] + i * (xr[1] - xr[0]) / 5;
      int x = LEFT + i * (W - LEFT - RIGHT) / 5;
      g.drawLine(x, H - BOTTOM, x, H - BOTTOM + 4);
      g.drawString(tick(fx, xScale), x - 20, H - BOTTOM + 18);
      double fy = yr[0] + i * (yr[1] - yr[0]) / 5;
      int y = H - BOTTOM - i * (H - TOP - BOTTOM) / 5;
      g.drawLine(LEFT - 4, y, LEFT, y);
      g.drawString(tick(fy, yScale), 30, y + 4);
    }
    g.drawString(xLabel, LEFT + (W - LEFT - RIGHT) / 2 - 40, H - 18);
    Graphics2D r = (Graphics2D) g.create();
    r.rotate(-Math.PI / 2);
    r.drawString(yLabel, -(TOP + (H - TOP - BOTTOM) / 2) - 40, 14);
    r.dispose();
  }

  private static String tick(double v, Scale s) {
    if (s == Scale.LOG) {
      return String.format(Locale.ROOT, "%.2g", Math.pow(10, v));
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  private void draw(Graphics2D g, Series s, double[] xr, double[] yr) {
    g.setColor(s.color());
    g.setStroke(s.style() == Style.DASHED ? dashed() : new BasicStroke(1.8f));
    int prevX = Integer.MIN_VALUE;
    int prevY = 0;
    for (int i = 0; i < s.x().length; i++) {
      if (!Double.isFinite(t(s.x()[i], true)) || !Double.isFinite(t(s.y()[i], false))) {
        prevX = Integer.MIN_VALUE;
        continue;
      }
      int x = px(s.x()[i], xr);
      int y = py(s.y()[i], yr);
      if (s.style() == Style.POINTS) {
        g.fillOval(x - 3, y - 3, 7, 7);
      } else if (prevX != Integer.MIN_VALUE) {
        g.drawLine(prevX, prevY, x, y);
      }
      if (s.lo() != null && Double.isFinite(s.lo()[i]) && Double.isFinite(s.hi()[i])) {
        g.drawLine(x, py(s.lo()[i], yr), x, py(s.hi()[i], yr));
        g.drawLine(x - 4, py(s.lo()[i], yr), x + 4, py(s.lo()[i], yr));
        g.drawLine(x - 4, py(s.hi()[i], yr), x + 4, py(s.hi()[i], yr));
      }
      prevX = x;
      prevY = y;
    }
  }

  private static BasicStroke dashed() {
    return new BasicStroke(
        1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 5}, 0);
  }

  private void legend(Graphics2D g) {
    g.setStroke(new BasicStroke(1.8f));
    int y = TOP + 12;
    for (Series s : series) {
      if (s.name() == null) {
        continue;
      }
      g.setColor(s.color());
      if (s.style() == Style.POINTS) {
        g.fillOval(W - RIGHT + 12, y - 7, 7, 7);
      } else {
        g.drawLine(W - RIGHT + 8, y - 4, W - RIGHT + 24, y - 4);
      }
      g.setColor(Color.BLACK);
      g.drawString(s.name(), W - RIGHT + 30, y);
      y += 18;
    }
    if (rule != null) {
      g.setColor(Color.GRAY);
      g.drawLine(W - RIGHT + 8, y - 4, W - RIGHT + 24, y - 4);
      g.setColor(Color.BLACK);
      g.drawString(ruleLabel, W - RIGHT + 30, y);
    }
  }
}
