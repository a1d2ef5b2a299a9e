package org.scalecast.models;

/**
 * Shape of a GPT-style decoder: pre-LayerNorm blocks (causal self-attention, then a GELU MLP of
 * width 4 d_model), learned positions, a final LayerNorm and an output head, optionally tied to the
 * token embedding. Linear layers and LayerNorms carry biases. Field names follow nanoGPT's {@code
 * GPTConfig}.
 *
 * @param vocabSize V, tokens in the vocabulary
 * @param contextLength T, the longest sequence
 * @param nLayer L, transformer blocks
 * @param nHead H, attention heads
 * @param dModel d, the residual width
 * @param head whether the output head shares the token embedding
 */
public record GptConfig(
    int vocabSize, int contextLength, int nLayer, int nHead, int dModel, HeadTying head) {

  /** Whether the output projection reuses the token embedding matrix (Press and Wolf 2017). */
  public enum HeadTying {
    /** The head is the transposed token embedding. */
    TIED,
    /** The head is its own matrix. */
    UNTIED
  }

  /** Validates the shape, with the values in the message. */
  public GptConfig {
    if (vocabSize < 1 || contextLength < 1 || nLayer < 1 || nHead < 1 || dModel < 1) {
      throw new IllegalArgumentException(
          "every size must be >= 1: vocab_size="
              + vocabSize
              + ", context_length="
              + contextLength
              + ", n_layer="
              + nLayer
              + ", n_head="
              + nHead
              + ", d_model="
              + dModel);
    }
    if (dModel % nHead != 0) {
      throw new IllegalArgumentException(
          "d_model=" + dModel + " is not divisible by n_head=" + nHead);
    }
    if (head == null) {
      throw new IllegalArgumentException("head tying must be TIED or UNTIED");
    }
  }

  /**
   * @return d / H, the width of one head
   */
  public int headDim() {
    return dModel / nHead;
  }
}
