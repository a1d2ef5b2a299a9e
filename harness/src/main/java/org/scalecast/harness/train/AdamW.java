package org.scalecast.harness.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter 2019) as PyTorch computes it, with a decay policy per parameter and
 * moments that are saved with checkpoints: DJL's AdamW decays every parameter and keeps its state
 * private, so a resumed run would restart cold (DJL_NOTES.md 1.7).
 *
 * <p>Per parameter p with gradient g at step t: p -= lr*wd*p (decayed parameters only); m = b1*m +
 * (1-b1)*g; v = b2*v + (1-b2)*g^2; p -= lr * (m/(1-b1^t)) / (sqrt(v/(1-b2^t)) + eps). Updates go
 * through detached views, which share storage with the parameters but bypass autograd.
 *
 * <p>On the PyTorch engine the update of one parameter is one native call ({@link
 * JniUtils#adamUpdate}, DJL's fused Adam kernel) instead of about fifteen array operations, each a
 * JNI crossing and a new tensor: the optimizer was 12% of a d64-l3 step (issue 15). That kernel
 * computes p -= lr' m / (sqrt(v) + eps'), without bias correction inside the root, so it is given
 * lr' = lr sqrt(1 - b2^t) / (1 - b1^t) and eps' = eps sqrt(1 - b2^t): the same update as above up
 * to rounding. Other engines take the array path ({@link Kernel#ARRAY_OPS}).
 *
 * <p>The parameters, gradients and moments are also laid out flat ({@link Kernel#FLAT}), so that
 * the kernel runs once per chunk of a decay group: on the CPU in buffers the tensors alias ({@link
 * FlatBuffers}), where the gradients are also zeroed in one fill; elsewhere (a GPU) gathered each
 * step ({@link GatheredBuffers}).
 */
public final class AdamW {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final List<String> names = new ArrayList<>();
  private final List<Parameter> params = new ArrayList<>();
  private final List<Boolean> decayed = new ArrayList<>();
  private final NDList m = new NDList();
  private final NDList v = new NDList();
  private final NDManager manager;
  private long t;
  private Kernel kernel = Kernel.FLAT;
  private long bucket = GatheredBuffers.BUCKET;
  private long direct = GatheredBuffers.DIRECT;
  private FlatState flat;
  private boolean flatUnsupported;
  private Kernel used;

  /** How a parameter's update is computed ({@code bench --optimizer} times each). */
  public enum Kernel {
    /**
     * {@link #FUSED} once per chunk of a decay group in the flat layout: aliased on the CPU,
     * gathered elsewhere (PyTorch engine only; elsewhere {@link #ARRAY_OPS}).
     */
    FLAT,
    /** {@link #FLAT}'s gathered layout on any device (tests compare it on the CPU). */
    GATHERED,
    /** DJL's native Adam update, one call per parameter (PyTorch engine only). */
    FUSED,
    /** NDArray operations, on any engine. */
    ARRAY_OPS
  }

  /**
   * @param parameters the model's parameters
   * @param manager long-lived manager for the moments
   * @param beta1 first-moment decay
   * @param beta2 second-moment decay
   * @param eps denominator epsilon
   * @param weightDecay decoupled decay
   * @param policy which parameters decay
   */
  public AdamW(
      PairList<String, Parameter> parameters,
      NDManager manager,
      double beta1,
      double beta2,
      double eps,
      double weightDecay,
      DecayPolicy policy) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.manager = manager;
    for (Pair<String, Parameter> p : parameters) {
      NDArray w = p.getValue().getArray();
      names.add(p.getKey());
      params.add(p.getValue()); // not the array: loading a checkpoint replaces it
      decayed.add(policy.decays(p.getKey()));
    }
  }

  /**
   * Zero moments, one per parameter, made when a kernel first needs them rather than up front: the
   * gathered layout makes its flat moments directly, and per-parameter moments made first and freed
   * at binding stayed in PyTorch's caching allocator, which cannot join them into one flat block
   * (an 808M model on an H200 then held 19.7 GiB against the per-parameter kernel's 14.1 GiB).
   */
  private void ensureMoments() {
    for (NDList moments : List.of(m, v)) {
      for (int i = moments.size(); i < params.size(); i++) { // none yet, or a bind that failed
        moments.add(FlatState.keep(manager.zeros(params.get(i).getArray().getShape())));
      }
    }
  }

  /**
   * @return completed optimizer steps
   */
  public long steps() {
    return t;
  }

  /**
   * @param k the update's kernel (tests compare them, bench times them)
   * @return this
   */
  public AdamW withKernel(Kernel k) {
    this.kernel = k;
    return this;
  }

  /**
   * The global norm from one norm per parameter, stacked and reduced once ({@link #globalNorm}).
   * With the flat buffers bound, one norm over them comes first, and when that is finite and
   * clearly below {@code maxNorm} (0.1% margin, far above two fp32 reductions' disagreement) or
   * there is no clipping, it is the answer: clipping's scale is then 1 either way, so the update is
   * the same bit for bit, at one operation instead of one per parameter.
   *
   * @param step a manager for this step's temporaries
   * @param maxNorm the clipping threshold, non-positive for none
   * @return the global L2 norm of all gradients, exact where clipping may bind
   */
  public double gradNorm(NDManager step, double maxNorm) {
    if (bindFlat()) {
      double quick = flat.norm(step).getFloat();
      if (Double.isFinite(quick) && (maxNorm <= 0 || quick < maxNorm * 0.999)) {
        return quick;
      }
      return globalNorm(flat.gradients(step), step);
    }
    List<NDArray> grads = new ArrayList<>(params.size());
    for (Parameter p : params) {
      NDArray g = p.getArray().getGradient();
      g.attach(step);
      grads.add(g);
    }
    return globalNorm(grads, step);
  }

  /**
   * One norm per gradient, stacked and reduced once, in both layouts: a single norm over the flat
   * buffer would sum in another order, and where clipping binds a run's numbers would then depend
   * on the layout.
   */
  private static double globalNorm(List<NDArray> grads, NDManager step) {
    NDList norms = new NDList(grads.size());
    for (NDArray g : grads) {
      NDArray n = g.norm(false); // ()
      n.attach(step);
      norms.add(n);
    }
    NDArray all = NDArrays.stack(norms); // (P)
    return Math.sqrt(all.square().sum().getFloat());
  }

  /**
   * Scales gradients so their global norm is at most {@code maxNorm} (torch's clip_grad_norm_;
   * DJL's optClipGrad clips elements from above only, DJL_NOTES.md 1.2), then steps.
   *
   * @param step a manager for this step's temporaries
   * @param lr the learning rate
   * @param norm the global gradient norm from {@link #gradNorm}
   * @param maxNorm the clipping threshold, or a non-positive value for none
   */
  public void step(NDManager step, double lr, double norm, double maxNorm) {
    t++;
    double scale = maxNorm > 0 && norm > maxNorm ? maxNorm / (norm + 1e-6) : 1;
    double bc1 = 1 - Math.pow(beta1, t);
    double bc2 = 1 - Math.pow(beta2, t);
    if (bindFlat()) {
      flatStep(step, lr, scale, bc1, bc2);
      used = flat instanceof GatheredBuffers ? Kernel.GATHERED : Kernel.FLAT;
      return;
    }
    used = Kernel.FUSED;
    ensureMoments();
    for (int i = 0; i < params.size(); i++) {
      NDArray w = params.get(i).getArray();
      NDArray g = w.getGradient();
      g.attach(step);
      double wd = decayed.get(i) ? weightDecay : 0;
      if (kernel != Kernel.ARRAY_OPS // FLAT falls back here where it cannot bind
          && w instanceof PtNDArray pw
          && g instanceof PtNDArray pg
          && m.get(i) instanceof PtNDArray pm
          && v.get(i) instanceof PtNDArray pv) {
        fusedUpdate(pw, pg, pm, pv, lr, wd, scale, bc1, bc2);
      } else {
        arrayUpdate(step, w, g, i, lr, wd, scale, bc1, bc2);
        used = Kernel.ARRAY_OPS;
      }
    }
    zeroGradients();
  }

  /**
   * @return whether a flat layout is bound to the current arrays
   */
  private boolean flatBound() {
    return flat != null && flat.current();
  }

  /**
   * @param values the most values in one bucket of the gathered layout
   * @param inPlace the fewest values of a parameter updated where it lies (tests: several buckets
   *     per decay group, and parameters in place, on a small model)
   * @return this
   */
  AdamW withBucket(long values, long inPlace) {
    this.bucket = values;
    this.direct = inPlace;
    return this;
  }

  /**
   * @return the kernel the last step ran, as {@code bench --optimizer} names it: flat (aliased),
   *     gathered, fused or array_ops, where a layout that could not bind fell back; null before the
   *     first step
   */
  public Kernel used() {
    return used;
  }

  /**
   * Binds the flat layout when the kernel is {@link Kernel#FLAT} or {@link Kernel#GATHERED} and it
   * is not bound to the current arrays (first step, or after a checkpoint replaced them): the
   * aliased buffers where they can bind (CPU, under 2 GiB), else the gathered ones.
   *
   * @return whether the flat layout is bound
   */
  private boolean bindFlat() {
    if ((kernel != Kernel.FLAT && kernel != Kernel.GATHERED) || flatUnsupported) {
      return false;
    }
    if (flat == null || !flat.current()) {
      if (flat != null) {
        flat.release(); // a parameter's array was replaced (DJL's Parameter.load)
      }
      flat = null;
      if (!gathers()) { // aliasing needs each moment's own tensor
        ensureMoments();
        flat = FlatBuffers.bind(params, decayed, m, v, manager);
      }
      if (flat == null) { // no moments yet: GatheredBuffers makes them flat
        flat = GatheredBuffers.bind(params, decayed, m, v, manager, bucket, direct);
      }
      flatUnsupported = flat == null;
    }
    return flat != null;
  }

  /** Whether the flat layout binds gathered: no aliased buffers for this kernel or device. */
  private boolean gathers() {
    return kernel == Kernel.GATHERED || kernel == Kernel.FLAT && !onCpu();
  }

  private boolean onCpu() {
    return Device.Type.CPU.equals(params.get(0).getArray().getDevice().getDeviceType());
  }

  private void flatStep(NDManager step, double lr, double scale, double bc1, double bc2) {
    flat.update(
        step,
        c -> {
          double wd = c.decayed() ? weightDecay : 0;
          fusedUpdate(c.weight(), c.grad(), c.mean(), c.variance(), lr, wd, scale, bc1, bc2);
        });
  }

  /**
   * DJL's fused kernel on one parameter or one chunk, bias correction folded in (class comment).
   */
  private void fusedUpdate(
      PtNDArray w,
      PtNDArray g,
      PtNDArray mean,
      PtNDArray var,
      double lr,
      double wd,
      double scale,
      double bc1,
      double bc2) {
    double root = Math.sqrt(bc2);
    JniUtils.adamUpdate(
        w,
        g,
        mean,
        var,
        (float) lr,
        (float) (lr * root / bc1),
        (float) wd,
        (float) scale,
        -1f, // no element clipping: the global norm was clipped through scale
        (float) beta1,
        (float) beta2,
        (float) (eps * root),
        true);
  }

  private void arrayUpdate(
      NDManager step,
      NDArray w,
      NDArray g,
      int i,
      double lr,
      double wd,
      double scale,
      double bc1,
      double bc2) {
    NDArray data = w.stopGradient();
    data.attach(step);
    if (scale != 1) {
      g.muli(scale);
    }
    if (wd > 0) {
      data.muli(1 - lr * wd);
    }
    m.get(i).muli(beta1).addi(g.mul(1 - beta1));
    v.get(i).muli(beta2).addi(g.square().muli(1 - beta2));
    NDArray denom = v.get(i).div(bc2);
    denom.attach(step);
    NDArray update = m.get(i).div(bc1);
    update.attach(step);
    data.subi(update.divi(denom.sqrt().addi(eps)).muli(lr));
  }

  /**
   * Gradients accumulate across backward passes until zeroed (DJL_NOTES.md 1.4). They are zeroed
   * with torch's {@code zero_()}, as DJL's own optimizers do, not with {@code g - g}: a gradient
   * holding an infinity would turn that into NaN and poison every later step.
   */
  public void zeroGradients() {
    if (flatBound()) {
      flat.zeroGradients();
      return;
    }
    for (Parameter p : params) {
      NDArray w = p.getArray();
      if (w instanceof PtNDArray pt) {
        JniUtils.zeroGrad(pt);
      } else {
        try (NDArray g = w.getGradient()) {
          g.muli(0);
        }
      }
    }
  }

  /**
   * @param out where to write step count and moments
   */
  public void save(DataOutputStream out) throws IOException {
    out.writeLong(t);
    ensureMoments();
    out.writeInt(names.size());
    for (String n : names) {
      out.writeUTF(n);
    }
    NDList all = new NDList();
    all.addAll(m);
    all.addAll(v);
    all.encode(out);
  }

  /**
   * @param in what {@link #save} wrote
   * @param manager the moments' manager
   */
  public void load(DataInputStream in, NDManager manager) throws IOException {
    t = in.readLong();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      if (i >= names.size() || !names.get(i).equals(name)) {
        throw new IOException(
            "optimizer state is for another model (parameter " + i + " is " + name + ")");
      }
    }
    NDList all = NDList.decode(manager, in);
    if (m.isEmpty() && gathers() && bindFlat()) {
      // A resume loads into a fresh optimizer: the flat moments first, the values into their views
      // in place, so that no per-parameter moments are made (on a GPU the caching allocator keeps
      // their memory: 567aacf; a review found the resume path still made them).
      for (int i = 0; i < names.size(); i++) {
        m.get(i).set(new NDIndex(":"), all.get(i));
        v.get(i).set(new NDIndex(":"), all.get(names.size() + i));
      }
      all.close();
      return;
    }
    ensureMoments();
    for (int i = 0; i < names.size(); i++) {
      all.get(i).copyTo(m.get(i));
      all.get(names.size() + i).copyTo(v.get(i));
    }
    all.close();
    if (flat != null) {
      flat.release();
    }
    flat = null; // the moments were replaced: bind again at the next step
  }
}
