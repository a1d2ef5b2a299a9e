package org.scalecast.harness.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The data range of one axis: how far intervals may widen it, and how its ticks are labelled.
 *
 * <p>XChart labels a log axis either at every 1..9 x 10^k tick or at the decades only. Decades
 * alone are the readable choice when at least two fall in the range (3e12..4e15 reads 1E13, 1E14,
 * 1E15); with fewer, decade labels would leave the axis with one label or none (a loss from 2.1 to
 * 6.6), so every tick is labelled.
 *
 * @param min the smallest value drawn
 * @param max the largest value drawn
 */
record AxisRange(double min, double max) {

  /** An empty range, which {@link #with} widens. */
  static final AxisRange EMPTY = new AxisRange(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

  /**
   * @param v a value drawn on this axis
   * @return the range that also holds it
   */
  AxisRange with(double v) {
    return new AxisRange(Math.min(min, v), Math.max(max, v));
  }

  /**
   * This range widened to hold {@code other}, but on each side by no more than a quarter of its own
   * span on the scale, so that one huge interval cannot squeeze every point into a line: what lies
   * further out runs off the plot. A range with no span (one point) counts its span as one unit of
   * the scale (one decade on a log axis).
   *
   * @param other the values it should also show, such as intervals
   * @param scale the axis scale
   * @return the widened range
   */
  AxisRange widenedBy(AxisRange other, Plot.Scale scale) {
    if (other.min > other.max) {
      return this;
    }
    if (min > max) {
      return other;
    }
    double lo = onScale(min, scale);
    double hi = onScale(max, scale);
    double a = onScale(other.min, scale);
    double b = onScale(other.max, scale);
    double reach = (hi > lo ? hi - lo : 1) / 4;
    a = Math.max(a, lo - reach);
    b = Math.min(b, hi + reach);
    return new AxisRange(a < lo ? offScale(a, scale) : min, b > hi ? offScale(b, scale) : max);
  }

  private static double onScale(double v, Plot.Scale scale) {
    return scale == Plot.Scale.LOG ? Math.log10(v) : v;
  }

  private static double offScale(double v, Plot.Scale scale) {
    return scale == Plot.Scale.LOG ? Math.pow(10, v) : v;
  }

  /**
   * @return the powers of ten within the range, smallest first
   */
  List<Double> decades() {
    List<Double> out = new ArrayList<>();
    if (!(min > 0) || !(max >= min)) {
      return out;
    }
    for (long k = (long) Math.ceil(Math.log10(min)); k <= Math.floor(Math.log10(max)); k++) {
      out.add(Double.parseDouble("1e" + k)); // exact, where Math.pow(10, k) may not be
    }
    return out;
  }

  /**
   * @return whether a log axis over this range is labelled at its decades only
   */
  boolean decadesOnly() {
    return decades().size() >= 2;
  }

  /**
   * The tick label pattern of a linear axis over this range: as many decimals as its span needs,
   * and a leading zero (XChart's own pattern writes 0.05 as .05).
   *
   * @return a {@link java.text.DecimalFormat} pattern
   */
  String linearPattern() {
    double span = max - min;
    int place = span > 0 ? (int) Math.floor(Math.log10(span)) : 0;
    if (place > 4 || place < -4) {
      return "0.###E0";
    }
    return place >= 1 ? "0" : "0." + "#".repeat(3 - place);
  }
}
