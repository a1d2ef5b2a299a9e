package org.scalecast.fit;

import java.util.ArrayList;
import java.util.List;

/** Cartesian products of per-parameter starting values, the usual multi-start grid. */
public final class Grid {
  private Grid() {}

  /**
   * @param axes one array of candidate values per parameter
   * @return every combination, first axis slowest
   */
  public static List<double[]> product(double[]... axes) {
    List<double[]> out = new ArrayList<>();
    out.add(new double[0]);
    for (double[] axis : axes) {
      List<double[]> next = new ArrayList<>(out.size() * axis.length);
      for (double[] prefix : out) {
        for (double v : axis) {
          double[] p = java.util.Arrays.copyOf(prefix, prefix.length + 1);
          p[prefix.length] = v;
          next.add(p);
        }
      }
      out = next;
    }
    return List.copyOf(out);
  }

  /**
   * @param from first value
   * @param to last value, inclusive
   * @param step spacing
   * @return from, from+step, ... up to to
   */
  public static double[] range(double from, double to, double step) {
    int n = (int) Math.floor((to - from) / step + 1e-9) + 1;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = from + i * step;
    }
    return v;
  }
}
