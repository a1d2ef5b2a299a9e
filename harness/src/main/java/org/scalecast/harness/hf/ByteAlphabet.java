package org.scalecast.harness.hf;

import java.io.ByteArrayOutputStream;

/**
 * GPT-2's {@code bytes_to_unicode}: each byte as a printable character, so that a byte-level
 * vocabulary is a JSON of readable strings. Printable Latin-1 bytes stand for themselves; the
 * others (controls, space, soft hyphen) take the characters from U+0100 upwards, in byte order.
 */
final class ByteAlphabet {
  /** CHARS[b] is byte b's character. */
  static final int[] CHARS = build();

  private ByteAlphabet() {}

  private static int[] build() {
    int[] c = new int[256];
    int next = 256;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
      c[b] = printable ? b : next++;
    }
    return c;
  }

  /** The bytes a string of this alphabet stands for. */
  static byte[] bytes(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.codePoints()
        .forEach(
            cp -> {
              for (int b = 0; b < 256; b++) {
                if (CHARS[b] == cp) {
                  out.write(b);
                  return;
                }
              }
            });
    return out.toByteArray();
  }
}
