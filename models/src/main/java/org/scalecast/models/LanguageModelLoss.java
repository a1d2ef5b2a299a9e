package org.scalecast.models;

import ai.djl.ndarray.NDArray;

/**
 * Next-token cross-entropy in nats per token, computed once per step (DJL's Loss classes recompute
 * it for their accumulators, DJL_NOTES.md 1.8).
 */
public final class LanguageModelLoss {
  private LanguageModelLoss() {}

  /**
   * @param logits (B, T, V)
   * @param targets (B, T) int64 token ids
   * @return per-token negative log-likelihood, (B, T)
   */
  public static NDArray perToken(NDArray logits, NDArray targets) {
    NDArray logp = logits.logSoftmax(-1); // (B, T, V)
    return logp.gather(targets.expandDims(-1), -1).squeeze(-1).neg(); // (B, T, 1) -> (B, T)
  }

  /**
   * @param logits (B, T, V)
   * @param targets (B, T) int64 token ids
   * @return the mean negative log-likelihood, a scalar
   */
  public static NDArray mean(NDArray logits, NDArray targets) {
    return perToken(logits, targets).mean();
  }
}
