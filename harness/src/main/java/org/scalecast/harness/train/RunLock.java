package org.scalecast.harness.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock that makes one process at a time train a run (issue 11: two sweeps into one folder
 * trained every run twice). An OS lock on {@code run.lock} in the run folder, held while the run
 * trains; the OS releases it when the process dies, however it dies, so a stale lock never blocks a
 * resume. The file holds the holder's pid, for the message of whoever finds it locked.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name in a run folder. */
  public static final String FILE = "run.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @param runDir the run folder (created when missing)
   * @return the lock, or null when another process (or another sweep in this one) holds it
   */
  public static RunLock tryAcquire(Path runDir) throws IOException {
    Files.createDirectories(runDir);
    FileChannel ch =
        FileChannel.open(runDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null; // held by this JVM: locks are per process, so the JVM tracks its own
    }
    if (l == null) {
      ch.close();
      return null;
    }
    ch.truncate(0);
    ch.write(
        ByteBuffer.wrap(
            (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
    return new RunLock(ch, l);
  }

  /**
   * @param runDir a run folder
   * @return whether some process holds its lock now (a probe: the answer may change at once)
   */
  public static boolean held(Path runDir) throws IOException {
    if (!Files.isRegularFile(runDir.resolve(FILE))) {
      return false;
    }
    try (RunLock l = tryAcquire(runDir)) {
      return l == null;
    }
  }

  /**
   * @param runDir a run folder
   * @return the pid the lock file names, or "?" when it names none
   */
  public static String holder(Path runDir) {
    try {
      String s = Files.readString(runDir.resolve(FILE), StandardCharsets.US_ASCII).strip();
      return s.isEmpty() ? "?" : s;
    } catch (IOException e) {
      return "?";
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
