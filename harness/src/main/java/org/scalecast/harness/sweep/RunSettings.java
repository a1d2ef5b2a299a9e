package org.scalecast.harness.sweep;

import org.scalecast.harness.train.TrainSettings;
import org.scalecast.results.InputException;

/**
 * The training settings a model or a budget may set for its own runs, over the sweep's {@code
 * train:} section: under-tuned sizes bias every fit, and larger budgets often want larger batches.
 * A run takes {@code train:}, then its model's settings, then its budget's (the budget wins).
 *
 * @param lr peak learning rate
 * @param batchSize sequences per step
 * @param warmupFraction warmup as a fraction of the run
 * @param warmupSteps warmup in steps
 * @param gradAccum micro-batches per step
 */
record RunSettings(
    Double lr, Integer batchSize, Double warmupFraction, Integer warmupSteps, Integer gradAccum) {

  /**
   * @param base the settings inherited
   * @param key where these settings were written ({@code models[2]}), for error messages
   * @return base with these settings replacing its own
   * @throws InputException naming the key of a bad value
   */
  TrainSettings applyTo(TrainSettings base, String key) {
    check(lr == null || (lr > 0 && Double.isFinite(lr)), key + ".lr must be > 0, got " + lr);
    check(batchSize == null || batchSize > 0, key + ".batch_size must be > 0, got " + batchSize);
    check(
        warmupFraction == null || (warmupFraction >= 0 && warmupFraction < 1),
        key + ".warmup_fraction must be in [0, 1), got " + warmupFraction);
    check(
        warmupSteps == null || warmupSteps >= 0,
        key + ".warmup_steps must be >= 0, got " + warmupSteps);
    check(gradAccum == null || gradAccum >= 1, key + ".grad_accum must be >= 1, got " + gradAccum);
    int batch = batchSize != null ? batchSize : base.batchSize();
    int k = gradAccum != null ? gradAccum : base.microBatches();
    check(
        batch % k == 0,
        String.format(
            "%s: grad_accum %d does not divide batch_size %d (each step is %d micro-batches of"
                + " batch_size / grad_accum sequences)",
            key, k, batch, k));
    return base.with(lr, batchSize, warmupFraction, warmupSteps, gradAccum);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new InputException(message);
    }
  }
}
