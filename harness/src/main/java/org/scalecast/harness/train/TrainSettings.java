package org.scalecast.harness.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.scalecast.results.InputException;

/**
 * Optimisation settings shared by a sweep's runs. Nulls take {@link #defaults()}.
 *
 * @param batchSize sequences per step
 * @param lr peak learning rate
 * @param minLrRatio final learning rate / peak
 * @param warmupFraction warmup steps / total steps
 * @param schedule cosine, wsd or constant
 * @param decayFraction WSD's decay steps / total steps
 * @param weightDecay AdamW's decoupled weight decay
 * @param decayPolicy matrices or all
 * @param beta1 AdamW beta1
 * @param beta2 AdamW beta2
 * @param eps AdamW epsilon
 * @param gradClip global gradient-norm clip (<= 0: none)
 * @param divergenceFactor a run diverges when its loss exceeds this times its first loss
 * @param warmupSteps warmup length in steps, instead of {@code warmupFraction}; null: the fraction
 * @param gradAccum micro-batches per step, each of {@code batchSize / gradAccum} sequences; null
 *     means 1. Both new keys are left out of the JSON when null, so the ids (hashes) of runs
 *     specified before they existed do not change.
 */
public record TrainSettings(
    Integer batchSize,
    Double lr,
    Double minLrRatio,
    Double warmupFraction,
    Schedule schedule,
    Double decayFraction,
    Double weightDecay,
    DecayPolicy decayPolicy,
    Double beta1,
    Double beta2,
    Double eps,
    Double gradClip,
    Double divergenceFactor,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer warmupSteps,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer gradAccum) {

  /** Fills nulls with the defaults. */
  public TrainSettings {
    batchSize = batchSize == null ? 32 : batchSize;
    lr = lr == null ? 3e-3 : lr;
    minLrRatio = minLrRatio == null ? 0.1 : minLrRatio;
    warmupFraction = warmupFraction == null ? 0.05 : warmupFraction;
    schedule = schedule == null ? Schedule.COSINE : schedule;
    decayFraction = decayFraction == null ? 0.2 : decayFraction;
    weightDecay = weightDecay == null ? 0.1 : weightDecay;
    decayPolicy = decayPolicy == null ? DecayPolicy.MATRICES : decayPolicy;
    beta1 = beta1 == null ? 0.9 : beta1;
    beta2 = beta2 == null ? 0.95 : beta2;
    eps = eps == null ? 1e-8 : eps;
    gradClip = gradClip == null ? 1.0 : gradClip;
    divergenceFactor = divergenceFactor == null ? 3.0 : divergenceFactor;
    require(batchSize > 0, "train.batch_size must be > 0");
    require(lr > 0 && Double.isFinite(lr), "train.lr must be > 0");
    require(warmupFraction >= 0 && warmupFraction < 1, "train.warmup_fraction must be in [0, 1)");
    require(warmupSteps == null || warmupSteps >= 0, "train.warmup_steps must be >= 0");
    require(gradAccum == null || gradAccum >= 1, "train.grad_accum must be >= 1");
    // One micro-batch is no accumulation: the same run, so the same id as leaving the key out.
    gradAccum = gradAccum == null || gradAccum == 1 ? null : gradAccum;
    require(
        gradAccum == null || batchSize % gradAccum == 0,
        "train.grad_accum " + gradAccum + " does not divide train.batch_size " + batchSize);
  }

  /**
   * @return micro-batches per optimizer step (1: no accumulation)
   */
  public int microBatches() {
    return gradAccum == null ? 1 : gradAccum;
  }

  /**
   * @param steps steps in the run
   * @return warmup steps: the explicit count (at most the run), else the fraction of the run
   */
  public long warmupFor(long steps) {
    return warmupSteps != null ? Math.min(warmupSteps, steps) : Math.round(warmupFraction * steps);
  }

  /**
   * These settings with some replaced; nulls keep the current value. An explicit warmup fraction
   * drops an inherited warmup step count, since the count would otherwise win.
   *
   * @param newLr peak learning rate
   * @param newBatch sequences per step
   * @param newWarmupFraction warmup as a fraction of the run
   * @param newWarmupSteps warmup in steps
   * @param newGradAccum micro-batches per step
   * @return the merged settings
   */
  public TrainSettings with(
      Double newLr,
      Integer newBatch,
      Double newWarmupFraction,
      Integer newWarmupSteps,
      Integer newGradAccum) {
    Integer ws =
        newWarmupSteps != null ? newWarmupSteps : newWarmupFraction != null ? null : warmupSteps;
    return new TrainSettings(
        newBatch != null ? newBatch : batchSize,
        newLr != null ? newLr : lr,
        minLrRatio,
        newWarmupFraction != null ? newWarmupFraction : warmupFraction,
        schedule,
        decayFraction,
        weightDecay,
        decayPolicy,
        beta1,
        beta2,
        eps,
        gradClip,
        divergenceFactor,
        ws,
        newGradAccum != null ? newGradAccum : gradAccum);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new InputException(message);
    }
  }

  /**
   * @return every default
   */
  public static TrainSettings defaults() {
    return new TrainSettings(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
