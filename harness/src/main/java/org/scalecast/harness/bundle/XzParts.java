package org.scalecast.harness.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Compresses tar fragments as separate xz streams, which concatenate into one valid .tar.xz (xz and
 * tar -xJf read concatenated streams). Each stream is cached by the fragment's digest, so a second
 * bundle recompresses only what changed (the runtime and most jars never do): xz over the 200 MB of
 * a bundle takes minutes on two cores. Uses the xz program when present (faster), else the
 * pure-Java org.tukaani:xz, as CI's Debian may lack xz-utils.
 */
final class XzParts {
  private final Path cache;
  private final int preset;

  /**
   * @param cache folder for compressed fragments
   * @param preset xz preset, 0-9
   */
  XzParts(Path cache, int preset) {
    this.cache = cache;
    this.preset = preset;
  }

  /**
   * @param fragment tar bytes
   * @return the file holding the compressed fragment (in the cache)
   */
  Path compress(byte[] fragment) throws IOException {
    Path done = cache.resolve(digest(fragment) + "-" + preset + ".xz");
    if (Files.exists(done)) {
      return done;
    }
    Files.createDirectories(cache);
    Path tmp = Files.createTempFile(cache, "part", ".tmp");
    byte[] xz =
        org.scalecast.harness.jni.Programs.onPath("xz") != null
            ? external(fragment)
            : java(fragment);
    Files.write(tmp, xz);
    Files.move(tmp, done, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return done;
  }

  private byte[] external(byte[] fragment) throws IOException {
    Process p = new ProcessBuilder("xz", "-c", "-" + preset, "-T1").start();
    Thread feed =
        new Thread(
            () -> {
              try (OutputStream in = p.getOutputStream()) {
                in.write(fragment);
              } catch (IOException e) {
                // the read below sees the failure
              }
            });
    feed.start();
    byte[] out = p.getInputStream().readAllBytes();
    try {
      feed.join();
      if (p.waitFor() != 0) {
        throw new IOException("xz failed: " + new String(p.getErrorStream().readAllBytes()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return out;
  }

  private byte[] java(byte[] fragment) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (XZOutputStream xz = new XZOutputStream(buf, new LZMA2Options(preset))) {
      xz.write(fragment);
    }
    return buf.toByteArray();
  }

  private static String digest(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
