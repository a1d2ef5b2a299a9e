package org.scalecast.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ParameterCountTest {
  /** GPT-2 small: nanoGPT's model.py reports these counts for this shape. */
  private static final GptConfig GPT2 =
      new GptConfig(50257, 1024, 12, 12, 768, GptConfig.HeadTying.TIED);

  @Test
  void gpt2SmallHasItsKnownCounts() {
    // 124,439,808 parameters, of which 786,432 are position embeddings (nanoGPT prints 123.65M
    // after subtracting those) and 38,597,376 token embeddings.
    assertEquals(124_439_808L, ParameterCount.total(GPT2));
    assertEquals(124_439_808L - 786_432L - 38_597_376L, ParameterCount.nonEmbedding(GPT2));
  }

  @Test
  void untiedHeadAddsOneVocabularyMatrix() {
    GptConfig untied = new GptConfig(50257, 1024, 12, 12, 768, GptConfig.HeadTying.UNTIED);
    assertEquals(ParameterCount.total(GPT2) + 50257L * 768, ParameterCount.total(untied));
  }

  @Test
  void flopConventions() {
    GptConfig c = new GptConfig(4096, 128, 4, 4, 256, GptConfig.HeadTying.TIED);
    long n = ParameterCount.nonEmbedding(c);
    assertEquals(6.0 * n, Flops.perToken(c, Flops.Convention.SIX_N));
    assertEquals(
        6.0 * (n + 4096 * 256) + 12.0 * 4 * 128 * 256,
        Flops.perToken(c, Flops.Convention.SIX_N_ATTENTION));
    assertEquals(6.0 * n * 1e6, Flops.training(c, Flops.Convention.SIX_N, 1e6));
  }

  @Test
  void rejectsAWidthThatHeadsDoNotDivide() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new GptConfig(256, 64, 2, 3, 128, GptConfig.HeadTying.TIED));
    assertEquals("d_model=128 is not divisible by n_head=3", e.getMessage());
  }
}
