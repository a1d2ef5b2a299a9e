package org.scalecast.harness.jni;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Test helper: the command line in a child JVM with a chosen environment, as a user runs it. */
public final class Child {
  private Child() {}

  /**
   * @param code exit status
   * @param out stdout and stderr together
   */
  public record Result(int code, String out) {}

  /**
   * @return the repository root
   */
  public static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("configs")) ? here : here.getParent();
  }

  /**
   * @param name a test input beside the repository, overridable by the environment variable
   * @param env the variable naming it
   * @return the path (it may not exist: tests then skip)
   */
  public static Path input(String env, String name) {
    String v = System.getenv(env);
    return v != null ? Path.of(v) : root().getParent().resolve(name);
  }

  /**
   * @param command the program and its arguments
   * @param env variables to set (null values remove); PYTORCH_* are always removed first
   * @param timeoutS seconds before the child is killed
   * @return what it did
   */
  public static Result run(List<String> command, Map<String, String> env, long timeoutS)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("PYTORCH_"));
    env.forEach(
        (k, v) -> {
          if (v == null) {
            pb.environment().remove(k);
          } else {
            pb.environment().put(k, v);
          }
        });
    Process p = pb.start();
    byte[][] out = new byte[1][];
    Thread reader =
        new Thread(
            () -> {
              try {
                out[0] = p.getInputStream().readAllBytes();
              } catch (IOException e) {
                out[0] = new byte[0];
              }
            });
    reader.start();
    if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    reader.join();
    return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
  }

  /**
   * @param args scalecast arguments
   * @return java -cp (this classpath) Main args
   */
  public static List<String> scalecast(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.scalecast.harness.Main"));
    cmd.addAll(List.of(args));
    return cmd;
  }
}
