package org.scalecast.harness.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads the entries of npm tarballs (.tgz) and jars without unpacking them to disk. */
final class Archives {
  private Archives() {}

  /**
   * Calls back with (path, content) for every regular file of a gzipped ustar archive.
   *
   * @param tgz the archive
   * @param each receives the entry name and its bytes
   */
  static void eachTarEntry(Path tgz, BiConsumer<String, byte[]> each) throws IOException {
    try (InputStream in =
        new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz)), 1 << 16)) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512) {
        String name = field(header, 0, 100);
        if (name.isEmpty()) {
          break; // two zero blocks end the archive
        }
        String prefix = field(header, 345, 155);
        long size =
            Long.parseLong(
                field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
        byte type = header[156];
        byte[] body = in.readNBytes((int) size);
        in.skipNBytes((512 - size % 512) % 512);
        if (type == '0' || type == 0) {
          each.accept(prefix.isEmpty() ? name : prefix + "/" + name, body);
        }
      }
    }
  }

  private static String field(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.US_ASCII);
  }

  /**
   * @param jar a jar or zip
   * @param suffix keep entries whose name ends with this
   * @param each receives the entry name and its bytes
   */
  static void eachZipEntry(Path jar, String suffix, BiConsumer<String, byte[]> each)
      throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (!e.isDirectory() && e.getName().endsWith(suffix)) {
          try (InputStream in = zip.getInputStream(e)) {
            each.accept(e.getName(), in.readAllBytes());
          }
        }
      }
    }
  }
}
