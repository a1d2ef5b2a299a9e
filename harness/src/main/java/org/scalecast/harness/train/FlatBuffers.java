package org.scalecast.harness.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A model's parameters, gradients and AdamW moments on the CPU, each set laid out in one flat fp32
 * buffer that the per-parameter tensors alias, so that the optimizer's work is a few operations
 * over all parameters at once instead of a dozen per parameter (issue 15: DJL's per-parameter Adam
 * kernel and the norms, clones and scalar conversions around it were about 600 small ATen calls a
 * d64-l3 step, measured with DJL's profiler).
 *
 * <p>Aliasing uses DJL's {@code PtNDArray.set(direct ByteBuffer)}, which points the tensor's
 * storage at the buffer (torch {@code set_}) on the CPU, keeping the same tensor: autograd then
 * adds each backward pass into the aliased gradient in place. Buffers belong to the flat arrays,
 * which live on the optimizer's long-lived manager, so the memory outlives every alias of it.
 *
 * <p>Decayed parameters come first, so the two decay groups are two contiguous views. Each tensor
 * starts on a 64-byte boundary (the padding stays zero: zero gradient, zero moments, zero update).
 *
 * <p>Dimensions: P the padded count of elements; P_d those of the decayed group.
 */
final class FlatBuffers {
  private static final int ALIGN_FLOATS = 16; // 64 bytes

  private final List<Parameter> params;
  private final NDArray[] aliased;
  private final NDArray[] grads; // each parameter's gradient, aliasing a slice of grad
  private final PtNDArray grad; // (P)
  private final PtNDArray[][] groups; // [decayed, rest] x [weight, grad, mean, variance] views

  private FlatBuffers(
      List<Parameter> params,
      NDArray[] aliased,
      NDArray[] grads,
      PtNDArray grad,
      PtNDArray[][] groups) {
    this.params = params;
    this.aliased = aliased;
    this.grads = grads;
    this.grad = grad;
    this.groups = groups;
  }

  /**
   * @param params the parameters, with gradients (after a backward pass)
   * @param decayed whether each decays
   * @param m first moments, one per parameter
   * @param v second moments, one per parameter
   * @param manager the long-lived manager the flat arrays live on
   * @return the buffers, holding the current values, with every tensor aliasing them; null when a
   *     tensor is not a CPU PyTorch array
   */
  static FlatBuffers bind(
      List<Parameter> params, List<Boolean> decayed, NDList m, NDList v, NDManager manager) {
    int n = params.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // decayed first, each group in model order
    java.util.Arrays.sort(order, (a, b) -> Boolean.compare(decayed.get(b), decayed.get(a)));
    long[] offset = new long[n];
    long total = 0;
    long decayedEnd = 0;
    for (int i : order) {
      offset[i] = total;
      total += padded(params.get(i).getArray().size());
      if (decayed.get(i)) {
        decayedEnd = total;
      }
    }
    NDArray[][] sets = new NDArray[n][];
    for (int i = 0; i < n; i++) {
      NDArray w = params.get(i).getArray();
      sets[i] = new NDArray[] {w, w.getGradient(), m.get(i), v.get(i)};
      for (NDArray a : sets[i]) {
        if (!(a instanceof PtNDArray) || a.getDevice().isGpu()) {
          close(sets[i][1]);
          return null;
        }
      }
    }
    PtNDArray[] flat = new PtNDArray[4];
    for (int k = 0; k < 4; k++) {
      ByteBuffer buf = aligned(total);
      for (int i = 0; i < n; i++) {
        NDArray a = sets[i][k];
        buf.asFloatBuffer().put((int) offset[i], a.toFloatArray());
        a.set(slice(buf, offset[i], a.size())); // a's storage is now buf's slice
      }
      flat[k] = (PtNDArray) manager.zeros(new Shape(total));
      flat[k].set(buf); // (P), over the same memory
      NDScope.unregister(flat[k]); // bound inside a step's scope, kept for the run
    }
    PtNDArray[][] groups = new PtNDArray[2][4];
    for (int k = 0; k < 4; k++) {
      groups[0][k] = decayedEnd > 0 ? view(flat[k], 0, decayedEnd) : null; // (P_d)
      groups[1][k] = decayedEnd < total ? view(flat[k], decayedEnd, total) : null; // (P - P_d)
    }
    NDArray[] aliased = new NDArray[n];
    NDArray[] grads = new NDArray[n];
    for (int i = 0; i < n; i++) {
      aliased[i] = sets[i][0];
      grads[i] = sets[i][1];
      NDScope.unregister(grads[i]);
    }
    return new FlatBuffers(params, aliased, grads, flat[1], groups);
  }

  /**
   * @return whether every parameter still holds the array that was aliased (loading a checkpoint
   *     replaces them)
   */
  boolean current() {
    for (int i = 0; i < aliased.length; i++) {
      if (params.get(i).getArray() != aliased[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * @return each parameter's gradient, aliasing its slice of the flat gradient
   */
  List<NDArray> gradients() {
    return List.of(grads);
  }

  /**
   * @param decayed the decayed group, or the rest
   * @return weight, gradient, first and second moment views of that group, or null when empty
   */
  PtNDArray[] group(boolean decayed) {
    return groups[decayed ? 0 : 1][0] == null ? null : groups[decayed ? 0 : 1];
  }

  /** Zeroes every gradient in one fill (not g - g, which would keep an infinity as NaN). */
  void zeroGradients() {
    grad.set(new NDIndex(":"), 0f);
  }

  private static long padded(long size) {
    return (size + ALIGN_FLOATS - 1) / ALIGN_FLOATS * ALIGN_FLOATS;
  }

  private static ByteBuffer aligned(long floats) {
    ByteBuffer raw = ByteBuffer.allocateDirect(Math.toIntExact(floats * 4 + 64));
    return raw.alignedSlice(64)
        .limit(Math.toIntExact(floats * 4))
        .slice()
        .order(ByteOrder.nativeOrder());
  }

  private static ByteBuffer slice(ByteBuffer buf, long offset, long size) {
    return buf.slice(Math.toIntExact(offset * 4), Math.toIntExact(size * 4))
        .order(ByteOrder.nativeOrder());
  }

  private static PtNDArray view(PtNDArray flat, long from, long to) {
    PtNDArray v = (PtNDArray) flat.get(new NDIndex(from + ":" + to));
    NDScope.unregister(v);
    return v;
  }

  private static void close(NDArray a) {
    if (a != null) {
      a.close();
    }
  }
}
