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
   * cost; on a GPU the reads that end each phase synchronise it.
   *
   * @param tokens B x (T + 1) token ids, row-major
   * @param lr the learning rate
   * @param phases null, or 3 accumulators: forward, backward, optimizer
   * @return the batch's mean loss before the update
   */
  public float run(long[] tokens, double lr, double[] phases) {
    long t0 = System.nanoTime();
    long t1;
    long t2;
    try (NDScope scope = new NDScope();
        NDManager sm = base.newSubManager()) {
      NDArray all = sm.create(tokens, new Shape(batch, context + 1)); // (B, T + 1)
      NDArray x = all.get(":, :-1"); // (B, T)
      NDArray y = all.get(":, 1:"); // (B, T)
      NDArray loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray logits = model.forward(ps, new NDList(x), true).singletonOrThrow(); // (B, T, V)
        loss = LanguageModelLoss.mean(logits, y);
        if (phases != null) {
          loss.getFloat();
        }
        t1 = System.nanoTime();
        gc.backward(loss);
      }
      float value = loss.getFloat();
      t2 = System.nanoTime();
      double norm = Float.isFinite(value) ? opt.gradNorm(sm) : Double.NaN;
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
        phases[0] += (t1 - t0) / 1e9;
        phases[1] += (t2 - t1) / 1e9;
        phases[2] += (System.nanoTime() - t2) / 1e9;
      }
      return value;
    }
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
