package org.scalecast.results;

import java.nio.file.Path;

/**
 * A test hook that halts the JVM at a named write, as a SIGKILL landing there would (issue 11: the
 * fault suite, {@code FaultSuiteTest}, must kill inside state and record writes, where a kill at a
 * random moment rarely lands). It exists only for that suite and is inert unless {@code
 * SCALECAST_FAULT} (or the system property {@code scalecast.fault}) is set to {@code
 * kill-at:POINT:N}: the process then halts with exit code 137, running no shutdown hook and
 * flushing nothing, the N-th time (from 1) it reaches POINT. POINT is a name below, optionally
 * followed by {@code :FILE} (a file name, or {@code .SUFFIX} for any file ending so), e.g. {@code
 * kill-at:atomic-write:status.json:2} or {@code kill-at:atomic-write:.params:1}.
 *
 * <p>Points: {@code atomic-write} (a temporary file written and synced, before its rename), {@code
 * folder-built} and {@code folder-swap} (a replaced folder built, before and between its two
 * renames), {@code record-append} (half of a record's line written and synced), {@code
 * record-appended}, {@code state-params-written} (between {@code model.params} and {@code
 * optimizer.bin}), {@code state-swap} (between the state's two renames) and {@code state-saved}
 * (between the state save and the status write). Unset, each call is one read of a static final
 * null.
 */
public final class FaultHook {
  private static final String[] SPEC = parse(spec());
  private static int hits;

  private FaultHook() {}

  /**
   * Halts here when this is the armed point's N-th hit.
   *
   * @param point the point's name
   */
  public static void at(String point) {
    if (SPEC != null && due(point, null)) {
      halt(point, null);
    }
  }

  /**
   * Halts here when this is the armed point's N-th hit.
   *
   * @param point the point's name
   * @param file the file being written
   */
  public static void at(String point, Path file) {
    if (SPEC != null && due(point, file)) {
      halt(point, file);
    }
  }

  /**
   * For a point that must do part of its work before halting (half a line): counts a hit.
   *
   * @param point the point's name
   * @param file the file being written, or null
   * @return whether the caller must now halt, with {@link #halt}
   */
  public static boolean due(String point, Path file) {
    if (SPEC == null || !SPEC[0].equals(point)) {
      return false;
    }
    String want = SPEC[1];
    if (want != null) {
      String name = file == null ? "" : String.valueOf(file.getFileName());
      if (!(name.equals(want) || (want.startsWith(".") && name.endsWith(want)))) {
        return false;
      }
    }
    synchronized (FaultHook.class) {
      return ++hits == Integer.parseInt(SPEC[2]);
    }
  }

  /**
   * Halts the JVM as SIGKILL would (exit code 137), after one line on stderr.
   *
   * @param point the point's name
   * @param file the file being written, or null
   */
  public static void halt(String point, Path file) {
    System.err.println(
        "scalecast: fault hook: halted at " + point + (file == null ? "" : " (" + file + ")"));
    System.err.flush();
    Runtime.getRuntime().halt(137);
  }

  private static String spec() {
    String s = System.getProperty("scalecast.fault");
    return s != null ? s : System.getenv("SCALECAST_FAULT");
  }

  /** {@code kill-at:POINT[:FILE]:N} as {POINT, FILE or null, N}; null when unset. */
  private static String[] parse(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String[] p = s.strip().split(":");
    if (!p[0].equals("kill-at")
        || p.length < 3
        || p.length > 4
        || !p[p.length - 1].matches("\\d+")) {
      throw new IllegalStateException(
          "SCALECAST_FAULT must be kill-at:POINT[:FILE]:N, got '" + s + "'");
    }
    return new String[] {p[1], p.length == 4 ? p[2] : null, p[p.length - 1]};
  }
}
