package org.scalecast.harness.bundle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal ustar writer: regular files only (tar makes parent folders itself), a fixed mtime and
 * owner so the same files give the same bytes and a cached compressed part can be reused. Its
 * fragments carry no end marker, so fragments concatenate into one archive ({@link #END} last).
 */
final class TarWriter {
  /** The end-of-archive marker: two zero blocks. */
  static final byte[] END = new byte[1024];

  /** 2024-01-01: a fixed time keeps fragments byte-identical between bundles. */
  private static final long MTIME = 1_704_067_200L;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /**
   * @param name path inside the archive, '/'-separated
   * @param data the file's bytes
   * @param executable whether to set mode 755 (else 644)
   */
  void add(String name, byte[] data, boolean executable) {
    out.writeBytes(header(name, data.length, executable ? 0755 : 0644));
    out.writeBytes(data);
    out.writeBytes(new byte[(512 - data.length % 512) % 512]);
  }

  /**
   * @return the fragment written so far
   */
  byte[] bytes() {
    return out.toByteArray();
  }

  private static byte[] header(String name, long size, int mode) {
    byte[] h = new byte[512];
    String prefix = "";
    String base = name;
    if (name.getBytes(StandardCharsets.UTF_8).length > 100) { // ustar: prefix up to 155 bytes
      int cut = name.lastIndexOf('/', 155);
      prefix = name.substring(0, cut);
      base = name.substring(cut + 1);
      if (cut < 0 || base.length() > 100) {
        throw new IllegalArgumentException("path too long for ustar: " + name);
      }
    }
    put(h, 0, 100, base);
    put(h, 100, 8, octal(mode, 7));
    put(h, 108, 8, octal(0, 7));
    put(h, 116, 8, octal(0, 7));
    put(h, 124, 12, octal(size, 11));
    put(h, 136, 12, octal(MTIME, 11));
    h[156] = '0';
    put(h, 257, 6, "ustar");
    put(h, 263, 2, "00");
    put(h, 265, 32, "root");
    put(h, 297, 32, "root");
    put(h, 345, 155, prefix);
    java.util.Arrays.fill(h, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 8, octal(sum, 6) + "\0 ");
    return h;
  }

  private static String octal(long v, int digits) {
    String s = Long.toOctalString(v);
    return "0".repeat(Math.max(0, digits - s.length())) + s;
  }

  private static void put(byte[] h, int at, int len, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, at, Math.min(len, b.length));
  }
}
