package org.scalecast.harness.train;

import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.List;

/**
 * Where each parameter lies in AdamW's flat buffers ({@link FlatBuffers} on the CPU, {@link
 * GatheredBuffers} elsewhere): decayed parameters first, each group in model order, so the two
 * decay groups are contiguous, and each tensor starting on a 64-byte boundary. Both layouts are the
 * same, so the kernel meets every value at the same place in a vector either way.
 *
 * @param order parameter indices in buffer order
 * @param offset each parameter's first element, in model order
 * @param size each parameter's element count
 * @param total the padded count of elements, P
 * @param decayedEnd the end of the decayed group, P_d
 */
record FlatLayout(int[] order, long[] offset, long[] size, long total, long decayedEnd) {
  /** Alignment of each tensor in floats: 64 bytes. */
  static final int ALIGN_FLOATS = 16;

  /**
   * @param params the parameters, in model order
   * @param decayed whether each decays
   * @return the layout of their current arrays
   */
  static FlatLayout of(List<Parameter> params, List<Boolean> decayed) {
    return of(params.stream().mapToLong(p -> p.getArray().size()).toArray(), decayed);
  }

  /**
   * @param sizes each parameter's element count, in model order
   * @param decayed whether each decays
   * @return the layout
   */
  static FlatLayout of(long[] sizes, List<Boolean> decayed) {
    int n = sizes.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // decayed first, each group in model order (the sort is stable)
    Arrays.sort(order, (a, b) -> Boolean.compare(decayed.get(b), decayed.get(a)));
    long[] offset = new long[n];
    long total = 0;
    long decayedEnd = 0;
    for (int i : order) {
      offset[i] = total;
      total += padded(sizes[i]);
      if (decayed.get(i)) {
        decayedEnd = total;
      }
    }
    int[] inOrder = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    return new FlatLayout(inOrder, offset, sizes.clone(), total, decayedEnd);
  }

  /**
   * @param i a parameter
   * @return the zero padding after it
   */
  long padding(int i) {
    return padded(size[i]) - size[i];
  }

  private static long padded(long size) {
    return (size + ALIGN_FLOATS - 1) / ALIGN_FLOATS * ALIGN_FLOATS;
  }
}
