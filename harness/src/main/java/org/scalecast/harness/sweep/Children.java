package org.scalecast.harness.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@code --jobs} children of a sweep, which must die with it (issue 11: after SIGTERM or
 * SIGKILL of the parent they were re-parented to PID 1 and kept training). Two halves: the parent
 * destroys its children from a shutdown hook (SIGTERM, SIGINT, a normal exit), and each child
 * watches a pipe from its parent on stdin that the OS closes when the parent dies, SIGKILL
 * included, which no hook sees.
 */
final class Children implements AutoCloseable {
  /** Set in a child's environment: watch stdin, stop at its end. */
  static final String WATCH = "SCALECAST_WATCH_PARENT";

  private final Set<Process> live = ConcurrentHashMap.newKeySet();
  private final Thread hook = new Thread(this::destroyAll, "scalecast-children");

  Children() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * @param pb the child's command; its stdin must stay a pipe (the default)
   * @return the started child, destroyed if this JVM exits first
   */
  Process start(ProcessBuilder pb) throws IOException {
    pb.environment().put(WATCH, "stdin");
    Process p = pb.start();
    live.add(p);
    return p;
  }

  /**
   * @param p a child that has ended
   */
  void ended(Process p) {
    live.remove(p);
  }

  private void destroyAll() {
    live.forEach(Process::destroy);
    for (Process p : live) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs
    }
  }

  /**
   * In a child started by {@link #start}: stops this JVM when the parent's pipe closes. The run's
   * files are kill-safe by design and the OS drops its lock, so stopping here is like a kill.
   *
   * @param err where to say why
   */
  static void watchParentIfAsked(PrintWriter err) {
    if (!"stdin".equals(System.getenv(WATCH))) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              drain(System.in);
              err.println("scalecast: the parent sweep is gone; stopping (issue 11)");
              err.flush();
              Runtime.getRuntime().halt(143);
            },
            "scalecast-parent-watch");
    t.setDaemon(true);
    t.start();
  }

  private static void drain(InputStream in) {
    byte[] buf = new byte[256];
    try {
      while (in.read(buf) >= 0) {
        // the parent never writes; reading only waits for the end of the pipe
      }
    } catch (IOException e) {
      // a broken pipe is a dead parent too
    }
  }
}
