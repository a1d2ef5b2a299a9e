package org.scalecast.harness.data;

/** Text to token ids. Every token covers a whole number of UTF-8 bytes, so bits/byte is exact. */
public interface Tokenizer {
  /**
   * @return number of token ids
   */
  int vocabSize();

  /**
   * @param text text
   * @return token ids
   */
  int[] encode(String text);

  /**
   * @param token a token id
   * @return how many UTF-8 bytes it stands for
   */
  int byteLength(int token);

  /**
   * @return a short description, e.g. {@code bpe-1024} or {@code bytes}
   */
  String spec();
}
