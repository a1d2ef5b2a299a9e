package org.scalecast.harness.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scalecast.results.InputException;

/**
 * Named model shapes, small enough for CPU sweeps at the low end. Names give width, depth and
 * heads: {@code d64-l3-h4}. Sizes take about 1.5-2x more non-embedding parameters per step.
 */
public final class ModelSizes {
  private static final Map<String, int[]> SIZES = new LinkedHashMap<>();

  static {
    for (int[] s :
        new int[][] {
          {32, 2, 2},
          {48, 2, 2},
          {64, 2, 2},
          {64, 3, 4},
          {96, 3, 4},
          {128, 3, 4},
          {128, 4, 4},
          {192, 4, 4},
          {256, 4, 4},
          {384, 6, 6},
          {512, 8, 8},
          {768, 12, 12}
        }) {
      SIZES.put(name(s[0], s[1], s[2]), s);
    }
  }

  private ModelSizes() {}

  /**
   * @param d width
   * @param l depth
   * @param h heads
   * @return the size's name
   */
  public static String name(int d, int l, int h) {
    return "d" + d + "-l" + l + "-h" + h;
  }

  /**
   * @param name a size name
   * @return {d_model, n_layer, n_head}
   */
  public static int[] byName(String name) {
    int[] s = SIZES.get(name);
    if (s == null) {
      throw new InputException(
          "models: unknown size '" + name + "' (known: " + String.join(", ", SIZES.keySet()) + ")");
    }
    return s.clone();
  }
}
