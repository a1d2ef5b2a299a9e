package org.scalecast.harness.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.scalecast.models.LanguageModelLoss;

/**
 * One optimizer step on one batch: forward, loss, backward, global-norm clipping, AdamW. All of the
 * step's arrays live in a sub-manager inside an {@link NDScope} and are freed on return.
 *
 * <p>With {@code k} micro-batches the batch's B sequences go through forward and backward in k
 * slices of B/k; each slice's mean loss is scaled by 1/k before its backward pass, and the engine
 * adds gradients across backward passes until the optimizer zeroes them (DJL_NOTES.md 1.4), so the
 * summed gradient is the mean over the whole batch: the same update as one pass of B sequences, up
 * to fp32 rounding, at 1/k of the activation memory. The batch's data and the token budget do not
 * depend on k.
 *
 * <p>Dimensions: B batch, T context length, V vocabulary.
 */
public final class TrainStep {
  private final Block model;
  private final AdamW opt;
  private final NDManager base;
  private final ParameterStore ps;
  private final int batch;
  private final int context;
  private final double gradClip;
  private final int micro;
  private long skipped;
  private int skippedInARow;

  /**
   * @param model the model, its parameters requiring gradients
   * @param opt its optimizer
   * @param base the model's manager
   * @param batch B
   * @param context T
   * @param gradClip global-norm threshold, or <= 0 for none
   */
  public TrainStep(
      Block model, AdamW opt, NDManager base, int batch, int context, double gradClip) {
    this(model, opt, base, batch, context, gradClip, 1);
  }

  /**
   * @param model the model, its parameters requiring gradients
   * @param opt its optimizer
   * @param base the model's manager
   * @param batch B
   * @param context T
   * @param gradClip global-norm threshold, or <= 0 for none
   * @param microBatches k, which must divide B
   */
  public TrainStep(
      Block model,
      AdamW opt,
      NDManager base,
      int batch,
      int context,
      double gradClip,
      int microBatches) {
    if (microBatches < 1 || batch % microBatches != 0) {
      throw new IllegalArgumentException(microBatches + " micro-batches do not divide " + batch);
    }
    this.micro = microBatches;
    this.model = model;
    this.opt = opt;
    this.base = base;
    this.ps = new ParameterStore(base, false);
    this.batch = batch;
    this.context = context;
    this.gradClip = gradClip;
  }

  /**
   * @param tokens B x (T + 1) token ids, row-major
   * @param lr the learning rate
   * @return the batch's mean loss before the update (NaN or infinite: no update was made)
   */
  public float run(long[] tokens, double lr) {
    return run(tokens, lr, null);
  }

  /**
   * The same step, adding the seconds spent in each phase (forward and loss, backward, clipping and
   * AdamW) to {@code phases}. CPU kernels run synchronously, so wall time per phase is the phase's
   * cost; on a GPU a read ends each phase, the optimizer's included, and synchronises it.
   *
   * @param tokens B x (T + 1) token ids, row-major
   * @param lr the learning rate
   * @param phases null, or 3 accumulators: forward, backward, optimizer
   * @return the batch's mean loss before the update
   */
  public float run(long[] tokens, double lr, double[] phases) {
    double[] times = new double[2];
    try (NDScope scope = new NDScope();
        NDManager sm = base.newSubManager()) {
      NDArray all = sm.create(tokens, new Shape(batch, context + 1)); // (B, T + 1)
      int slice = batch / micro;
      float value = 0;
      for (int i = 0; i < micro; i++) {
        NDArray part = micro == 1 ? all : all.get(i * slice + ":" + (i + 1) * slice); // (B/k, T+1)
        value += forwardBackward(part, phases != null, times) / micro;
      }
      long t2 = System.nanoTime();
      double norm = Float.isFinite(value) ? opt.gradNorm(sm, gradClip) : Double.NaN;
      if (Double.isFinite(norm)) {
        opt.step(sm, lr, norm, gradClip);
        skippedInARow = 0;
      } else {
        // Like a loss scaler's overflow check: a non-finite gradient would make every weight NaN,
        // so the step is dropped and the run decides, from how many follow, whether it diverged.
        opt.zeroGradients();
        skipped++;
        skippedInARow++;
      }
      if (phases != null) {
        // A read ends the phase: on a GPU the update's kernels were only queued, and their time
        // went to the next forward (a review: at 808M the optimizer's share fell while the step
        // slowed). A new scalar's fill is queued after them; reading it waits for them all.
        sm.zeros(new Shape()).getFloat();
        phases[0] += times[0];
        phases[1] += times[1];
        phases[2] += (System.nanoTime() - t2) / 1e9;
      }
      return value;
    }
  }

  /**
   * Forward, loss and backward of one micro-batch, its loss scaled by 1/k so the k backward passes
   * sum to the batch mean's gradient.
   *
   * @param part (b, T + 1) token ids
   * @param timed whether to synchronise and time the two phases
   * @param times forward and backward seconds, added to
   * @return the micro-batch's mean loss
   */
  private float forwardBackward(NDArray part, boolean timed, double[] times) {
    long t0 = System.nanoTime();
    NDArray x = part.get(":, :-1"); // (b, T)
    NDArray y = part.get(":, 1:"); // (b, T)
    NDArray loss;
    long t1;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray logits = model.forward(ps, new NDList(x), true).singletonOrThrow(); // (b, T, V)
      loss = LanguageModelLoss.mean(logits, y);
      if (timed) {
        loss.getFloat();
      }
      t1 = System.nanoTime();
      gc.backward(micro == 1 ? loss : loss.div(micro));
    }
    float value = loss.getFloat();
    times[0] += (t1 - t0) / 1e9;
    times[1] += (System.nanoTime() - t1) / 1e9;
    return value;
  }

  /**
   * @return steps whose loss or gradient was not finite, so no update was made
   */
  public long skipped() {
    return skipped;
  }

  /**
   * @return such steps in a row up to the last one
   */
  public int skippedInARow() {
    return skippedInARow;
  }
}
