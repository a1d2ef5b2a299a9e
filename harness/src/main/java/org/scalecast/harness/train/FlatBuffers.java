package org.scalecast.harness.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A model's parameters, gradients and AdamW moments on the CPU, each set laid out in one flat fp32
 * buffer that the per-parameter tensors alias, so that the optimizer's work is a few operations
 * over all parameters at once instead of a dozen per parameter (issue 15: DJL's per-parameter Adam
 * kernel and the norms, clones and scalar conversions around it were about 600 small ATen calls a
 * d64-l3 step, measured with DJL's profiler).
 *
 * <p>Aliasing uses DJL's {@code PtNDArray.set(direct ByteBuffer)}, which points the tensor's
 * storage at the buffer (torch {@code set_}) on the CPU, keeping the same tensor: autograd then
 * adds each backward pass into the aliased gradient in place. Every handle that aliases a buffer
 * holds it (DJL keeps the buffer of {@code set}), and the flat arrays, which hold the whole
 * buffers, live on the optimizer's long-lived manager, so the memory outlives every alias of it.
 *
 * <p>The layout is {@link FlatLayout}'s (decay groups contiguous, 64-byte aligned tensors), and the
 * kernel runs over chunks of each of at most {@value #CHUNK} values: over a whole group of a
 * d256-l4 model (3.4M values) its temporaries stream through memory, and the optimizer took 21 ms a
 * step against 12 ms per parameter (bench's phase shares); chunks keep them in cache. The padding
 * stays zero: zero gradient, zero moments, zero update.
 *
 * <p>Dimensions: P the padded count of elements; P_d those of the decayed group.
 */
final class FlatBuffers implements FlatState {
  private static final long CHUNK = 1 << 16; // 256 KiB of fp32, a multiple of the alignment

  private final List<Parameter> params;
  private final NDArray[] aliased;
  private final NDArray[] grads; // each parameter's gradient, aliasing a slice of grad
  private final PtNDArray[] flat; // weights, gradients, first and second moments, each (P)
  private final PtNDArray grad; // flat[1]
  private final List<Chunk> chunks;

  private FlatBuffers(
      List<Parameter> params,
      NDArray[] aliased,
      NDArray[] grads,
      PtNDArray[] flat,
      List<Chunk> chunks) {
    this.params = params;
    this.aliased = aliased;
    this.grads = grads;
    this.flat = flat;
    this.grad = flat[1];
    this.chunks = chunks;
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
    FlatLayout layout = FlatLayout.of(params, decayed);
    long[] offset = layout.offset();
    long total = layout.total();
    long decayedEnd = layout.decayedEnd();
    if (total * 4 + 64 > Integer.MAX_VALUE) {
      return null; // a direct buffer holds at most 2 GiB: the per-parameter kernel instead
    }
    NDArray[][] sets = new NDArray[n][];
    for (int i = 0; i < n; i++) {
      NDArray w = params.get(i).getArray();
      sets[i] = new NDArray[] {w, w.getGradient(), m.get(i), v.get(i)};
      for (NDArray a : sets[i]) {
        if (!(a instanceof PtNDArray) || !Device.Type.CPU.equals(a.getDevice().getDeviceType())) {
          close(sets[i][1]);
          return null;
        }
      }
    }
    PtNDArray[] flat = new PtNDArray[4];
    for (int k = 0; k < 4; k++) {
      ByteBuffer buf = aligned(total);
      FloatBuffer values = buf.asFloatBuffer();
      for (int i = 0; i < n; i++) {
        NDArray a = sets[i][k];
        values.put((int) offset[i], a.toFloatArray());
        a.set(slice(buf, offset[i], a.size())); // a's storage is now buf's slice
      }
      flat[k] = (PtNDArray) manager.zeros(new Shape(total));
      flat[k].set(buf); // (P), over the same memory
      FlatState.keep(flat[k]);
    }
    List<Chunk> chunks = new java.util.ArrayList<>();
    for (long from = 0; from < total; ) {
      long to = Math.min(from + CHUNK, from < decayedEnd ? decayedEnd : total);
      PtNDArray[] vs = new PtNDArray[4];
      for (int k = 0; k < 4; k++) {
        vs[k] = view(flat[k], from, to); // (to - from)
      }
      chunks.add(new Chunk(from < decayedEnd, vs[0], vs[1], vs[2], vs[3]));
      from = to;
    }
    NDArray[] aliased = new NDArray[n];
    NDArray[] grads = new NDArray[n];
    for (int i = 0; i < n; i++) {
      aliased[i] = sets[i][0];
      grads[i] = sets[i][1];
      FlatState.keep(grads[i]);
    }
    return new FlatBuffers(params, aliased, grads, flat, List.copyOf(chunks));
  }

  /**
   * @return whether every parameter still holds the array that was aliased. A new array (as DJL's
   *     Parameter.load makes) is caught here; an array re-pointed in place (NDArray.copyTo, as
   *     RunFolder loads weights) is not, and is caught because a run's resume then loads the
   *     optimizer state too, which unbinds ({@link AdamW#load}).
   */
  @Override
  public boolean current() {
    for (int i = 0; i < aliased.length; i++) {
      if (params.get(i).getArray() != aliased[i]) {
        return false;
      }
    }
    return true;
  }

  /** One reduction over the flat gradient autograd adds into. */
  @Override
  public NDArray norm(NDManager step) {
    NDArray n = grad.norm(); // ()
    n.attach(step);
    return n;
  }

  /** Each aliasing its slice of the flat gradient. */
  @Override
  public List<NDArray> gradients(NDManager step) {
    return List.of(grads);
  }

  /**
   * The chunks made once at binding, of at most {@value #CHUNK} values each; the kernel updates the
   * aliased weights in place, so only the gradients are left to zero.
   */
  @Override
  public void update(NDManager step, Consumer<Chunk> kernel) {
    chunks.forEach(kernel);
    zeroGradients();
  }

  /**
   * Closes the handles this state made (the flat arrays, the chunks' views, the gradients'): the
   * memory stays while a tensor still aliases it, since each aliasing array holds its buffer.
   */
  @Override
  public void release() {
    for (Chunk c : chunks) {
      Stream.of(c.weight(), c.grad(), c.mean(), c.variance()).forEach(NDArray::close);
    }
    Stream.of(flat).forEach(NDArray::close);
    Stream.of(grads).forEach(NDArray::close);
  }

  /** In one fill. */
  @Override
  public void zeroGradients() {
    grad.set(new NDIndex(":"), 0f);
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
    return FlatState.keep((PtNDArray) flat.get(new NDIndex(from + ":" + to)));
  }

  private static void close(NDArray a) {
    if (a != null) {
      a.close();
    }
  }
}
