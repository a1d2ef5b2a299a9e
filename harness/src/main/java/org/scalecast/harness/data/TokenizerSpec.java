package org.scalecast.harness.data;

/**
 * Which tokenizer to use.
 *
 * @param kind {@code bpe} or {@code bytes}
 * @param vocabSize vocabulary of the BPE (ignored for bytes)
 * @param sampleBytes bytes of training text per domain the BPE learns from
 */
public record TokenizerSpec(String kind, int vocabSize, long sampleBytes) {
  /**
   * @return byte-level BPE of 1024 tokens learned from 2 MB per domain
   */
  public static TokenizerSpec defaults() {
    return new TokenizerSpec("bpe", 1024, 2_000_000);
  }
}
