package org.scalecast.models;

/**
 * Training FLOPs per token, the one definition of C in the project, in two conventions.
 *
 * <ul>
 *   <li>{@link Convention#SIX_N}: 6N with N the non-embedding parameters (Kaplan et al. 2020, C =
 *       6ND): forward 2N, backward 4N.
 *   <li>{@link Convention#SIX_N_ATTENTION}: 6 x (every matrix-multiply weight, the output head
 *       included) + 12 L T d for the attention scores and their weighted sum, the formula of
 *       nanoGPT's {@code estimate_mfu} and PaLM's MFU (Chowdhery et al. 2022, appendix B).
 * </ul>
 */
public final class Flops {
  private Flops() {}

  /** How FLOPs are counted. */
  public enum Convention {
    /** 6 x non-embedding parameters. */
    SIX_N,
    /** 6 x matmul parameters (head included) + attention. */
    SIX_N_ATTENTION
  }

  /**
   * @param c the shape
   * @param convention the convention
   * @return training FLOPs per token (forward and backward)
   */
  public static double perToken(GptConfig c, Convention convention) {
    long n = ParameterCount.nonEmbedding(c);
    if (convention == Convention.SIX_N) {
      return 6.0 * n;
    }
    double matmul = n + (double) c.vocabSize() * c.dModel();
    return 6.0 * matmul + 12.0 * c.nLayer() * c.contextLength() * c.dModel();
  }

  /**
   * @param c the shape
   * @param convention the convention
   * @param tokens training tokens D
   * @return C, training FLOPs for D tokens
   */
  public static double training(GptConfig c, Convention convention, double tokens) {
    return perToken(c, convention) * tokens;
  }
}
