package org.scalecast.models;

/**
 * Parameter counts of a {@link GptConfig}, the one definition of N in the project.
 *
 * <p>Per block: two LayerNorms (2d each), the fused q/k/v projection (3d^2 + 3d), the attention
 * output projection (d^2 + d), the MLP (4d^2 + 4d, then 4d^2 + d): 12d^2 + 13d. The non-embedding
 * count (Kaplan et al. 2020's N) is the blocks plus the final LayerNorm; it leaves out the token
 * and position embeddings and the output head. The total counts every distinct parameter, the head
 * once when tied.
 */
public final class ParameterCount {
  private ParameterCount() {}

  /**
   * @param c the shape
   * @return parameters of one transformer block
   */
  public static long perBlock(GptConfig c) {
    long d = c.dModel();
    return 12 * d * d + 13 * d;
  }

  /**
   * @param c the shape
   * @return N without embeddings: blocks and final LayerNorm
   */
  public static long nonEmbedding(GptConfig c) {
    return c.nLayer() * perBlock(c) + 2L * c.dModel();
  }

  /**
   * @param c the shape
   * @return token and position embeddings
   */
  public static long embedding(GptConfig c) {
    return (long) (c.vocabSize() + c.contextLength()) * c.dModel();
  }

  /**
   * @param c the shape
   * @return every distinct parameter
   */
  public static long total(GptConfig c) {
    long head = c.head() == GptConfig.HeadTying.TIED ? 0 : (long) c.vocabSize() * c.dModel();
    return nonEmbedding(c) + embedding(c) + head;
  }
}
