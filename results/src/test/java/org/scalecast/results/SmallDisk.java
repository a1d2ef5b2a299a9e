package org.scalecast.results;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small tmpfs mounted for a test (disk full, read-only), where the machine allows mounting (root
 * on Linux); the test is skipped with the reason where it does not.
 */
final class SmallDisk implements AutoCloseable {
  private final Path dir;

  private SmallDisk(Path dir) {
    this.dir = dir;
  }

  /**
   * @param dir an empty folder to mount on
   * @param size e.g. "64k"
   * @return the mounted disk
   */
  static SmallDisk mount(Path dir, String size) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String why = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
    assumeTrue(why == null, "cannot mount a small tmpfs here (needs root on Linux): " + why);
    return new SmallDisk(dir);
  }

  /**
   * @return the mount point
   */
  Path dir() {
    return dir;
  }

  /** Makes the file system read-only: every write is refused, what is there stays readable. */
  void readOnly() throws IOException, InterruptedException {
    String why = run("mount", "-o", "remount,ro", dir.toString());
    if (why != null) {
      throw new IOException("cannot remount read-only: " + why);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run("umount", dir.toString());
  }

  /** Null when the command succeeded, else what it said. */
  private static String run(String... cmd) throws IOException, InterruptedException {
    List<String> c = new ArrayList<>(List.of(cmd));
    Process p;
    try {
      p = new ProcessBuilder(c).redirectErrorStream(true).start();
    } catch (IOException e) {
      return e.getMessage();
    }
    String out = new String(p.getInputStream().readAllBytes()).strip();
    return p.waitFor() == 0
        ? null
        : "'" + String.join(" ", c) + "' exited " + p.exitValue() + ": " + out;
  }
}
