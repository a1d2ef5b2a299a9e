package org.scalecast.harness.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Jars repacked without compression (zip -0): xz then compresses the classes of all jars far better
 * than it compresses deflated entries (GPU_NOTES.md: 48.4 MB zipped as they are, 19.2 MB stored
 * then xz'd). Entries keep their order and get a fixed time, so the bytes are repeatable.
 */
final class StoredJar {
  private static final long TIME = 1_704_067_200_000L;

  private StoredJar() {}

  /**
   * @param source a jar, or a classes folder (a development build's)
   * @return the stored jar's bytes
   */
  static byte[] of(Path source) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(buf)) {
      z.setMethod(ZipOutputStream.STORED);
      if (Files.isDirectory(source)) {
        for (Path f : files(source)) {
          put(z, source.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
        }
      } else {
        try (ZipFile zf = new ZipFile(source.toFile())) {
          for (ZipEntry e : java.util.Collections.list(zf.entries())) {
            if (!e.isDirectory()) {
              try (InputStream in = zf.getInputStream(e)) {
                put(z, e.getName(), in.readAllBytes());
              }
            }
          }
        }
      }
    }
    return buf.toByteArray();
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static void put(ZipOutputStream z, String name, byte[] data) throws IOException {
    ZipEntry e = new ZipEntry(name);
    CRC32 crc = new CRC32();
    crc.update(data);
    e.setSize(data.length);
    e.setCompressedSize(data.length);
    e.setCrc(crc.getValue());
    e.setTime(TIME);
    z.putNextEntry(e);
    z.write(data);
    z.closeEntry();
  }
}
