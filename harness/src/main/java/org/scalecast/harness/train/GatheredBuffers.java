package org.scalecast.harness.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * AdamW's flat layout where a tensor cannot alias host memory: on a GPU, DJL's {@code
 * set(ByteBuffer)} copies instead of aliasing, so {@link FlatBuffers} cannot bind there. The
 * moments live in two flat arrays that each parameter's moments view (the optimizer owns them); the
 * parameters and gradients belong to the model and autograd, so each step gathers them, bucket by
 * bucket, into flat arrays with one concatenation each, runs the kernel once per bucket, and copies
 * the weights back, one copy per parameter.
 *
 * <p>Why: the per-parameter kernel is about fourteen kernel launches per parameter (DJL's {@code
 * adamUpdate} clones the gradient and makes each intermediate a new tensor), plus a norm each for
 * clipping. On an H200 the optimizer was 42% of a d256-l4 step (bench's share_optimizer,
 * docs/gpus-and-clusters.md), where PyTorch's own AdamW runs a few multi-tensor kernels for all
 * parameters. The arithmetic per element is the kernel's either way, in the same layout as {@link
 * FlatBuffers} (AdamWKernelTest compares them bit for bit).
 *
 * <p>Parameters of at least {@value #DIRECT} values are updated where they lie, as the
 * per-parameter kernel does; the rest are gathered. Buckets of at most {@value #BUCKET} values
 * bound the memory: a bucket's gathered gradients and weights and the kernel's temporaries, about
 * ten copies of it, are freed before the next. Over whole decay groups the update took about 34
 * bytes a parameter more at its peak than the per-parameter kernel (a review measured 41 against 14
 * GiB for an 808M model on an H200); a d256-l4 model is one bucket per decay group, and every
 * matrix of a d2048 model (4M-16M values) is updated where it lies.
 *
 * <p>Dimensions: P the padded count of elements ({@link FlatLayout}); B a bucket's; n_i parameter
 * i's elements.
 */
final class GatheredBuffers implements FlatState {
  /** The most values in one bucket, unless one parameter has more (2^24: 64 MiB of fp32). */
  static final long BUCKET = 1L << 24;

  /**
   * The fewest values for which a parameter is updated where it lies, not gathered: 2^20 (4 MiB of
   * fp32), a sixteenth of a bucket. Gathering saves launches on small parameters, but a large one's
   * gather and copy back are two more passes over it than the per-parameter kernel makes: on an
   * H200 an 808M model (d2048-l16, T128 B1) stepped at 0.84-0.87 of the per-parameter kernel's
   * speed with every parameter gathered.
   */
  static final long DIRECT = BUCKET >> 4;

  private final List<Parameter> params;
  private final NDArray[] bound; // each parameter's array when bound
  private final NDList m;
  private final NDList v;
  private final NDArray[] meanViews;
  private final NDArray[] varianceViews;
  private final FlatLayout layout;
  private final List<int[]> buckets; // parameter indices in layout order, one decay group each
  private final long direct; // a parameter with at least this many values is updated in place
  private final PtNDArray mean; // (P)
  private final PtNDArray variance; // (P)
  private final PtNDArray zeros; // (ALIGN_FLOATS), the padding's source

  private GatheredBuffers(
      List<Parameter> params,
      List<Boolean> decayed,
      NDList m,
      NDList v,
      FlatLayout layout,
      PtNDArray zeros,
      long bucket,
      long direct) {
    this.params = params;
    this.m = m;
    this.v = v;
    this.layout = layout;
    this.direct = direct;
    this.buckets = buckets(layout, decayed, bucket, direct);
    this.zeros = zeros;
    int n = params.size();
    bound = new NDArray[n];
    for (int i = 0; i < n; i++) {
      bound[i] = params.get(i).getArray();
    }
    // One set of moments at a time, its old arrays closed before the next is gathered: both
    // gathered first held old and new moments at once, 8 bytes a parameter more (a review).
    mean = flatMoments(m);
    meanViews = viewEach(mean, m);
    variance = flatMoments(v);
    varianceViews = viewEach(variance, v);
  }

  /** Moments gathered, or zero where there are none yet (a run's first step). */
  private PtNDArray flatMoments(NDList moments) {
    NDManager manager = zeros.getManager();
    return FlatState.keep(
        moments.isEmpty()
            ? (PtNDArray) manager.zeros(new Shape(layout.total())) // (P)
            : gather(moments, layout.order(), manager));
  }

  /**
   * @param params the parameters
   * @param decayed whether each decays
   * @param m first moments, one per parameter, or none (zero moments): replaced or filled by views
   *     of the flat first moments
   * @param v second moments, likewise
   * @param manager the long-lived manager the flat moments live on
   * @param bucket the most values in one bucket ({@link #BUCKET}; tests give less)
   * @param direct the fewest values of a parameter updated where it lies ({@link #DIRECT})
   * @return the state, or null when an array is not a PyTorch array
   */
  static GatheredBuffers bind(
      List<Parameter> params,
      List<Boolean> decayed,
      NDList m,
      NDList v,
      NDManager manager,
      long bucket,
      long direct) {
    for (int i = 0; i < params.size(); i++) {
      if (!(params.get(i).getArray() instanceof PtNDArray
          && (m.isEmpty() || m.get(i) instanceof PtNDArray && v.get(i) instanceof PtNDArray))) {
        return null;
      }
    }
    PtNDArray zeros = FlatState.keep((PtNDArray) manager.zeros(new Shape(FlatLayout.ALIGN_FLOATS)));
    FlatLayout layout = FlatLayout.of(params, decayed);
    return new GatheredBuffers(params, decayed, m, v, layout, zeros, bucket, direct);
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

  /** Each bucket's gradients gathered, reduced and freed; the norms of the buckets reduced. */
  @Override
  public NDArray norm(NDManager step) {
    NDList norms = new NDList(buckets.size());
    for (int[] b : buckets) {
      try (NDManager tmp = step.newSubManager()) {
        List<NDArray> grads = handles(b, NDArray::getGradient, tmp);
        NDArray n = (direct(b) ? grads.get(b[0]) : gather(grads, b, tmp)).norm(); // ()
        n.attach(step);
        norms.add(n);
      }
    }
    NDArray all = NDArrays.stack(norms).norm(); // (buckets) -> ()
    all.attach(step);
    return all;
  }

  @Override
  public List<NDArray> gradients(NDManager step) {
    return handles(layout.order(), NDArray::getGradient, step);
  }

  /**
   * Bucket by bucket: gather, update, copy back, free; a parameter of its own bucket (at least
   * {@link #DIRECT} values) is updated where it lies; then the gradients are zeroed.
   */
  @Override
  public void update(NDManager step, Consumer<Chunk> kernel) {
    for (int[] b : buckets) {
      try (NDManager tmp = step.newSubManager()) {
        if (direct(b)) {
          kernel.accept(inPlace(b[0], tmp));
          continue;
        }
        // stopGradient: the weights' storage, outside autograd
        PtNDArray weight = gather(handles(b, NDArray::stopGradient, tmp), b, tmp); // (B)
        PtNDArray grad = gather(handles(b, NDArray::getGradient, tmp), b, tmp); // (B)
        long from = layout.offset()[b[0]];
        kernel.accept(chunk(from, weight, grad, tmp));
        copyBack(b, weight, from, tmp);
      }
    }
    zeroGradients();
  }

  /**
   * @return the chunk of parameter {@code i} over its own weight and gradient, flattened (views),
   *     and its slices of the moments
   */
  private Chunk inPlace(int i, NDManager tmp) {
    NDArray w = params.get(i).getArray();
    // stopGradient: w's storage, outside autograd
    return chunk(
        layout.offset()[i], flatView(w.stopGradient(), tmp), flatView(w.getGradient(), tmp), tmp);
  }

  /**
   * @return weights and gradients laid from {@code from}, with their stretch of the moments
   */
  private Chunk chunk(long from, PtNDArray weight, PtNDArray grad, NDManager tmp) {
    long to = from + weight.size();
    return new Chunk(
        from < layout.decayedEnd(),
        weight,
        grad,
        view(mean, from, to, tmp),
        view(variance, from, to, tmp));
  }

  /** A flat view of {@code a} (contiguous: a parameter or its gradient); both freed with tmp. */
  private static PtNDArray flatView(NDArray a, NDManager tmp) {
    a.attach(tmp);
    NDArray flat = a.reshape(-1); // (shape_i) -> (n_i), the same storage
    flat.attach(tmp);
    return (PtNDArray) flat;
  }

  private boolean direct(int[] bucket) {
    return bucket.length == 1 && layout.size()[bucket[0]] >= direct;
  }

  @Override
  public void zeroGradients() {
    for (Parameter p : params) {
      JniUtils.zeroGrad((PtNDArray) p.getArray());
    }
  }

  /** The flat moments and the padding's source: the moments' views, if still used, keep theirs. */
  @Override
  public void release() {
    mean.close();
    variance.close();
    zeros.close();
  }

  /** Each parameter of bucket {@code b} from its slice of the bucket's updated weights. */
  private void copyBack(int[] b, PtNDArray weight, long from, NDManager tmp) {
    for (int i : b) {
      NDArray w = params.get(i).getArray();
      NDArray into = w.stopGradient(); // (shape_i), w's storage
      into.attach(tmp);
      long at = layout.offset()[i] - from;
      NDArray slice = view(weight, at, at + layout.size()[i], tmp); // (n_i)
      NDArray shaped = slice.reshape(w.getShape()); // (n_i) -> (shape_i)
      shaped.attach(tmp);
      into.set(new NDIndex(":"), shaped);
    }
  }

  /**
   * @param which parameter indices
   * @param part a new handle from a parameter's array (its gradient, a detached alias)
   * @param owner the manager that frees the handles
   * @return each parameter's handle, in model order (null outside {@code which})
   */
  private List<NDArray> handles(int[] which, Function<NDArray, NDArray> part, NDManager owner) {
    NDArray[] out = new NDArray[params.size()];
    for (int i : which) {
      out[i] = part.apply(params.get(i).getArray());
      out[i].attach(owner);
    }
    return Arrays.asList(out);
  }

  /**
   * @param arrays one per parameter, in model order (those outside {@code which} unread)
   * @param which parameter indices, in layout order and contiguous in it
   * @param target the manager the result lives on
   * @return their values in the flat layout, padding zero (their padded count)
   */
  private PtNDArray gather(List<NDArray> arrays, int[] which, NDManager target) {
    try (NDManager parts = target.newSubManager()) {
      NDList list = new NDList(2 * which.length);
      for (int i : which) {
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
      NDArray all = list.size() == 1 ? list.get(0).duplicate() : NDArrays.concat(list);
      all.attach(target);
      return (PtNDArray) all;
    }
  }

  /**
   * Replaces each array of {@code list} by its view of {@code flat}, closing the old one, or fills
   * an empty list with the views.
   */
  private NDArray[] viewEach(PtNDArray flat, NDList list) {
    boolean fill = list.isEmpty();
    NDArray[] views = new NDArray[params.size()];
    for (int i = 0; i < views.length; i++) {
      long from = layout.offset()[i];
      NDArray slice = view(flat, from, from + layout.size()[i], null); // (n_i)
      views[i] = FlatState.keep(slice.reshape(bound[i].getShape())); // (n_i) -> (shape_i)
      slice.close();
      if (fill) {
        list.add(views[i]);
      } else {
        list.set(i, views[i]).close();
      }
    }
    return views;
  }

  /**
   * Parameters in layout order cut into runs of at most {@code bucket} padded values, each within
   * one decay group; a parameter of at least {@code direct} values is a bucket of its own.
   */
  static List<int[]> buckets(FlatLayout layout, List<Boolean> decayed, long bucket, long direct) {
    List<int[]> out = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    long size = 0;
    for (int i : layout.order()) {
      long padded = layout.size()[i] + layout.padding(i);
      boolean split =
          !current.isEmpty()
              && (layout.size()[i] >= direct // i is in place, or the current bucket is
                  || layout.size()[current.get(0)] >= direct
                  || size + padded > bucket
                  || !decayed.get(current.get(0)).equals(decayed.get(i)));
      if (split) {
        out.add(current.stream().mapToInt(Integer::intValue).toArray());
        current.clear();
        size = 0;
      }
      current.add(i);
      size += padded;
    }
    if (!current.isEmpty()) {
      out.add(current.stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  /** A view of {@code flat}'s elements [from, to), on {@code step} or, if null, on flat's own. */
  private static PtNDArray view(PtNDArray flat, long from, long to, NDManager step) {
    PtNDArray v = (PtNDArray) flat.get(new NDIndex(from + ":" + to));
    if (step != null) {
      v.attach(step);
    }
    return v;
  }
}
