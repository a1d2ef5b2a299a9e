package org.scalecast.harness.train;

/** Which parameters AdamW's weight decay applies to. */
public enum DecayPolicy {
  /**
   * Matrices of the linear layers only: no decay on LayerNorm gains and shifts, biases or
   * embeddings (nanoGPT decays only tensors of two or more dimensions; we also spare embeddings).
   */
  MATRICES,
  /** Every parameter (OLMo ladder: {@code decay_norm_and_bias}, {@code decay_embeddings}). */
  ALL;

  /**
   * @param name a DJL parameter name, e.g. {@code 01h0_02attn_01qkv_weight}
   * @return whether it is decayed
   */
  public boolean decays(String name) {
    if (this == ALL) {
      return true;
    }
    return name.endsWith("weight") && !name.endsWith("wte") && !name.endsWith("wpe");
  }
}
