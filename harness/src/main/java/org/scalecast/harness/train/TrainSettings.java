package org.scalecast.harness.train;

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
    Double divergenceFactor) {

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
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
