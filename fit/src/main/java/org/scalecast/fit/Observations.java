package org.scalecast.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points a law is fitted to: inputs x (one row per point, columns in the law's input order),
 * outputs y and, per row, the run it came from (null when rows carry no run id). Run ids let the
 * bootstrap and leave-one-out validation treat a run's checkpoints as one correlated unit.
 *
 * @param inputs input variable names, the columns of x
 * @param output output variable name
 * @param x inputs, n rows
 * @param y outputs, n values
 * @param runIds run id per row, or null entries when unknown
 */
public record Observations(
    List<String> inputs, String output, double[][] x, double[] y, List<String> runIds) {

  /** Checks the sizes agree. */
  public Observations {
    inputs = List.copyOf(inputs);
    if (x.length != y.length || runIds.size() != y.length) {
      throw new IllegalArgumentException(
          "x has " + x.length + " rows, y " + y.length + ", run ids " + runIds.size());
    }
    runIds = java.util.Collections.unmodifiableList(new ArrayList<>(runIds));
  }

  /**
   * @param inputs input names
   * @param output output name
   * @param x inputs
   * @param y outputs
   * @return observations without run ids
   */
  public static Observations of(List<String> inputs, String output, double[][] x, double[] y) {
    return new Observations(inputs, output, x, y, java.util.Collections.nCopies(y.length, null));
  }

  /**
   * @return the number of points
   */
  public int size() {
    return y.length;
  }

  /**
   * @return whether every row names its run
   */
  public boolean hasRunIds() {
    return !runIds.isEmpty() && runIds.stream().allMatch(java.util.Objects::nonNull);
  }

  /**
   * @return row indices grouped by run, in first-seen order; one group per row when there are no
   *     run ids
   */
  public List<int[]> groups() {
    List<int[]> out = new ArrayList<>();
    if (!hasRunIds()) {
      for (int i = 0; i < size(); i++) {
        out.add(new int[] {i});
      }
      return out;
    }
    Map<String, List<Integer>> byRun = new LinkedHashMap<>();
    for (int i = 0; i < size(); i++) {
      byRun.computeIfAbsent(runIds.get(i), k -> new ArrayList<>()).add(i);
    }
    for (List<Integer> rows : byRun.values()) {
      out.add(rows.stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  /**
   * @param rows row indices, repeats allowed (bootstrap)
   * @return the observations at those rows, in that order
   */
  public Observations select(int[] rows) {
    double[][] sx = new double[rows.length][];
    double[] sy = new double[rows.length];
    List<String> ids = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      sx[i] = x[rows[i]];
      sy[i] = y[rows[i]];
      ids.add(runIds.get(rows[i]));
    }
    return new Observations(inputs, output, sx, sy, ids);
  }
}
