package org.scalecast.harness.train;

/** Learning-rate schedule shapes. */
public enum Schedule {
  /** Linear warmup, then cosine decay to the minimum (nanoGPT {@code get_lr}). */
  COSINE,
  /**
   * Warmup-stable-decay (Hu et al. 2024, MiniCPM): linear warmup, constant, then a linear decay to
   * the minimum over the last {@code decay_fraction} of training.
   */
  WSD,
  /** Linear warmup, then constant. */
  CONSTANT
}
