package org.scalecast.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python for tests that check our files with the Python ecosystem's own readers: named by {@code
 * SCALECAST_PYTHON} (default {@code python3}). Such tests skip, giving {@link #missing}'s reason,
 * where the package is not installed (CI has no transformers or tensorboard).
 */
public final class PythonTool {
  private PythonTool() {}

  static String python() {
    String p = System.getenv("SCALECAST_PYTHON");
    return p == null || p.isBlank() ? "python3" : p;
  }

  /**
   * @param modules what the test imports, e.g. {@code transformers, torch}
   * @return why the test cannot run here, or null when it can
   */
  public static String missing(String modules) {
    try {
      Process p =
          new ProcessBuilder(python(), "-c", "import " + modules).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return null;
      }
      return python() + " cannot import " + modules + " (set SCALECAST_PYTHON): skipped";
    } catch (IOException | InterruptedException e) {
      return "no " + python() + " (set SCALECAST_PYTHON to a Python with " + modules + "): skipped";
    }
  }

  /**
   * Runs a script offline (no model hub) and returns its standard output.
   *
   * @param dir a scratch folder for the script and its stderr
   * @param script the script's text
   * @param args its arguments
   * @return what it printed
   * @throws AssertionError with its stderr when it fails
   */
  public static String run(Path dir, String script, String... args) throws Exception {
    Path file = dir.resolve("script.py");
    Files.writeString(file, script);
    List<String> cmd = new ArrayList<>(List.of(python(), file.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile());
    pb.environment().put("HF_HUB_OFFLINE", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("python failed: " + Files.readString(dir.resolve("stderr.txt")));
    }
    return out;
  }
}
