package org.scalecast.harness.train;

import java.util.Map;

/**
 * Counters a resumed run continues from, saved beside the weights and optimizer moments.
 *
 * @param step optimizer steps done
 * @param tokens training tokens seen
 * @param tokensByDomain training tokens seen per domain
 * @param emaLoss exponential moving average of the training loss (not bias-corrected)
 * @param firstLoss the loss of step 1, for divergence detection
 * @param wallSeconds training wall time of earlier segments
 * @param threads the engine's intra-op threads when it was saved, null in states saved before issue
 *     11: results are bit-identical only at one thread count
 */
public record RunState(
    long step,
    long tokens,
    Map<String, Long> tokensByDomain,
    double emaLoss,
    double firstLoss,
    double wallSeconds,
    Integer threads) {}
