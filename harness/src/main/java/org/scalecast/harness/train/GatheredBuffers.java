package org.scalecast.harness.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW's flat layout where a tensor cannot alias host memory: on a GPU, DJL's {@code
 * set(ByteBuffer)} copies instead of aliasing, so {@link FlatBuffers} cannot bind there. The
 * moments live in two flat arrays that each parameter's moments view (the optimizer owns them); the
 * parameters and gradients belong to the model and autograd, so each step gathers them into flat
 * arrays with one concatenation each, the kernel runs once per decay group, and the weights are
 * copied back, one copy per parameter.
 *
 * <p>Why: the per-parameter kernel is about fourteen kernel launches per parameter (DJL's {@code
 * adamUpdate} clones the gradient and makes each intermediate a new tensor), plus a norm each for
 * clipping. On an H200 the optimizer was 36% of a d256-l4 step (bench's share_optimizer in
 * docs/gpu/2026-11-27-h200-peer), where PyTorch's own AdamW runs a few multi-tensor kernels for all
 * parameters. Here a step is two concatenations, a norm, the kernel twice, and a copy and a zero
 * fill per parameter. The arithmetic per element is the kernel's either way, in the same layout as
 * {@link FlatBuffers} (AdamWKernelTest compares them bit for bit).
 *
 * <p>Dimensions: P the padded count of elements ({@link FlatLayout}); n_i parameter i's elements.
 */
final class GatheredBuffers implements FlatState {
  private final List<Parameter> params;
  private final NDArray[] bound; // each parameter's array when bound
  private final NDList m;
  private final NDList v;
  private final NDArray[] meanViews;
  private final NDArray[] varianceViews;
  private final FlatLayout layout;
  private final int[] order;
  private final PtNDArray mean; // (P)
  private final PtNDArray variance; // (P)
  private final PtNDArray zeros; // (ALIGN_FLOATS), the padding's source
  private NDManager stepManager; // the step the fields below were gathered for
  private PtNDArray gradient; // (P)
  private PtNDArray weight; // (P)

  private GatheredBuffers(
      List<Parameter> params, NDList m, NDList v, FlatLayout layout, PtNDArray zeros) {
    this.params = params;
    this.m = m;
    this.v = v;
    this.layout = layout;
    this.order = layout.order();
    this.zeros = zeros;
    int n = params.size();
    bound = new NDArray[n];
    for (int i = 0; i < n; i++) {
      bound[i] = params.get(i).getArray();
    }
    mean = keep(gather(m, zeros.getManager()));
    variance = keep(gather(v, zeros.getManager()));
    meanViews = viewEach(mean, m);
    varianceViews = viewEach(variance, v);
  }

  /**
   * @param params the parameters
   * @param decayed whether each decays
   * @param m first moments, one per parameter: replaced by views of the flat first moments
   * @param v second moments, likewise
   * @param manager the long-lived manager the flat moments live on
   * @return the state, or null when an array is not a PyTorch array
   */
  static GatheredBuffers bind(
      List<Parameter> params, List<Boolean> decayed, NDList m, NDList v, NDManager manager) {
    int n = params.size();
    long[] sizes = new long[n];
    for (int i = 0; i < n; i++) {
      NDArray w = params.get(i).getArray();
      if (!(w instanceof PtNDArray
          && m.get(i) instanceof PtNDArray
          && v.get(i) instanceof PtNDArray)) {
        return null;
      }
      sizes[i] = w.size();
    }
    PtNDArray zeros = keep((PtNDArray) manager.zeros(new Shape(FlatLayout.ALIGN_FLOATS)));
    return new GatheredBuffers(params, m, v, FlatLayout.of(sizes, decayed), zeros);
  }

  @Override
  public boolean current() {
    for (int i = 0; i < bound.length; i++) {
      if (params.get(i).getArray() != bound[i]
          || m.get(i) != meanViews[i]
          || v.get(i) != varianceViews[i]) {
        return false;
      }
    }
    return true;
  }

  /** Gathered once per step, for the norm and the kernel both. */
  @Override
  public PtNDArray gradient(NDManager step) {
    if (stepManager != step || gradient == null) {
      stepManager = step;
      weight = null;
      gradient = gather(gradients(step), step);
    }
    return gradient;
  }

  @Override
  public List<NDArray> gradients(NDManager step) {
    List<NDArray> grads = new ArrayList<>(params.size());
    for (Parameter p : params) {
      NDArray g = p.getArray().getGradient();
      g.attach(step);
      grads.add(g);
    }
    return grads;
  }

  /** The two decay groups, each whole: a GPU kernel needs no cache-sized chunks. */
  @Override
  public List<Chunk> chunks(NDManager step) {
    PtNDArray g = gradient(step);
    List<NDArray> detached = new ArrayList<>(params.size());
    for (Parameter p : params) {
      NDArray w = p.getArray().stopGradient(); // shares storage, outside autograd
      w.attach(step);
      detached.add(w);
    }
    weight = gather(detached, step);
    List<Chunk> chunks = new ArrayList<>(2);
    long end = layout.decayedEnd();
    long total = layout.total();
    for (long[] r : new long[][] {{0, end}, {end, total}}) {
      if (r[1] > r[0]) {
        chunks.add(
            new Chunk(
                r[0] == 0 && end > 0,
                view(weight, r[0], r[1], step),
                view(g, r[0], r[1], step),
                view(mean, r[0], r[1], step),
                view(variance, r[0], r[1], step)));
      }
    }
    return chunks;
  }

  /** Copies each parameter's updated slice back into it, then zeroes the gradients. */
  @Override
  public void finish() {
    if (weight == null) {
      throw new IllegalStateException("finish() without chunks(): no update to copy back");
    }
    for (int i = 0; i < params.size(); i++) {
      NDArray w = params.get(i).getArray();
      NDArray into = w.stopGradient(); // (shape_i), w's storage
      NDArray from = view(weight, layout.offset()[i], layout.offset()[i] + layout.size()[i], null);
      NDArray shaped = from.reshape(w.getShape()); // (n_i) -> (shape_i)
      into.attach(stepManager);
      shaped.attach(stepManager);
      into.set(new NDIndex(":"), shaped);
    }
    zeroGradients();
  }

  @Override
  public void zeroGradients() {
    for (Parameter p : params) {
      JniUtils.zeroGrad((PtNDArray) p.getArray());
    }
    stepManager = null;
    gradient = null;
    weight = null;
  }

  /**
   * @param arrays one per parameter, in model order
   * @param target the manager the result lives on
   * @return their values in the flat layout, padding zero (P)
   */
  private PtNDArray gather(List<NDArray> arrays, NDManager target) {
    try (NDManager parts = target.newSubManager()) {
      NDList list = new NDList(2 * order.length);
      for (int i : order) {
        NDArray flat = arrays.get(i).reshape(-1); // (shape_i) -> (n_i)
        flat.attach(parts);
        list.add(flat);
        long pad = layout.padding(i);
        if (pad > 0) {
          NDArray z = zeros.get(new NDIndex("0:" + pad)); // (pad)
          z.attach(parts);
          list.add(z);
        }
      }
      NDArray all = NDArrays.concat(list); // (P)
      all.attach(target);
      return (PtNDArray) all;
    }
  }

  /** Replaces each array of {@code list} by its view of {@code flat}, closing the old one. */
  private NDArray[] viewEach(PtNDArray flat, NDList list) {
    NDArray[] views = new NDArray[list.size()];
    for (int i = 0; i < views.length; i++) {
      NDArray old = list.get(i);
      long from = layout.offset()[i];
      NDArray slice = view(flat, from, from + layout.size()[i], null); // (n_i)
      views[i] = keep(slice.reshape(old.getShape())); // (n_i) -> (shape_i)
      slice.close();
      list.set(i, views[i]);
      old.close();
    }
    return views;
  }

  /** A view of {@code flat}'s elements [from, to), on {@code step} or, if null, on flat's own. */
  private static PtNDArray view(PtNDArray flat, long from, long to, NDManager step) {
    PtNDArray v = (PtNDArray) flat.get(new NDIndex(from + ":" + to));
    if (step != null) {
      v.attach(step);
    }
    return v;
  }

  /** Bound inside a step's scope, kept for the run. */
  private static <T extends NDArray> T keep(T a) {
    NDScope.unregister(a);
    return a;
  }
}
