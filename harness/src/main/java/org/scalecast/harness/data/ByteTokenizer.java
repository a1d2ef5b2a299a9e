package org.scalecast.harness.data;

import java.nio.charset.StandardCharsets;

/** Raw UTF-8 bytes as tokens: vocabulary 256, one byte per token. */
public final class ByteTokenizer implements Tokenizer {
  @Override
  public int vocabSize() {
    return 256;
  }

  @Override
  public int[] encode(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    int[] ids = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      ids[i] = b[i] & 0xff;
    }
    return ids;
  }

  @Override
  public int byteLength(int token) {
    return 1;
  }

  @Override
  public String spec() {
    return "bytes";
  }
}
