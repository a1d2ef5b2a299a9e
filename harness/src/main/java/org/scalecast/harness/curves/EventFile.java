package org.scalecast.harness.curves;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * One process's TensorBoard event file in a run folder, {@code
 * events.out.tfevents.<seconds>.<host>.<pid>} (TensorFlow's naming; the pid keeps a resume within
 * the same second from writing into its predecessor's file). Each append opens, writes whole
 * records and closes, so the file is flushed for TensorBoard after every checkpoint and no handle
 * outlives a killed run. TensorBoard reads every event file in a folder, so a resumed run's second
 * file continues the curves of the first.
 */
public final class EventFile {
  /** What the first event of every file says. */
  public static final String VERSION = "brain.Event:2";

  private final Path file;

  /**
   * @param dir the folder; the file is created there on the first append
   */
  public EventFile(Path dir) {
    long now = System.currentTimeMillis() / 1000;
    this.file =
        dir.resolve(
            "events.out.tfevents." + now + "." + host() + "." + ProcessHandle.current().pid());
  }

  /**
   * @return the file's path
   */
  public Path file() {
    return file;
  }

  /**
   * Appends one event with a scalar per tag at this step.
   *
   * @param step the x value
   * @param scalars tag to value
   */
  public void append(long step, Map<String, Double> scalars) throws IOException {
    double wall = System.currentTimeMillis() / 1000.0;
    boolean first = !Files.exists(file);
    try (OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      if (first) {
        out.write(TfRecord.frame(EventProto.fileVersion(wall, VERSION)));
      }
      out.write(TfRecord.frame(EventProto.scalars(wall, step, scalars)));
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "_");
    } catch (IOException e) {
      return "localhost";
    }
  }
}
