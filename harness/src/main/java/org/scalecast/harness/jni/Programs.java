package org.scalecast.harness.jni;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.scalecast.results.InputException;

/** Programs and headers the build needs from the machine, each missing one named in one line. */
public final class Programs {
  private Programs() {}

  /**
   * @param name a program, e.g. {@code g++}
   * @return its path on {@code PATH}, or null
   */
  public static Path onPath(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(d.isEmpty() ? "." : d, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * @return the C++ compiler: {@code $CXX}, else g++ on PATH
   */
  static String cxx() {
    String cxx = System.getenv("CXX");
    if (cxx != null && !cxx.isBlank()) {
      return cxx;
    }
    if (onPath("g++") == null) {
      throw new InputException(
          "native build: g++ not found on PATH (install it, Debian: apt-get install g++; or set CXX)");
    }
    return "g++";
  }

  /**
   * jni.h and jni_md.h come from the running Java: a JDK has them, and the bundle's runtime keeps
   * them (jlink without --no-header-files) because GPU nodes have no JDK (issue 12).
   *
   * @return the include folders for jni.h and jni_md.h
   */
  static List<Path> jniIncludes() {
    Path inc = Path.of(System.getProperty("java.home"), "include");
    if (!Files.exists(inc.resolve("jni.h")) || !Files.exists(inc.resolve("linux/jni_md.h"))) {
      throw new InputException(
          "native build: no jni.h under "
              + inc
              + " (run with a JDK or the scalecast bundle's runtime)");
    }
    return List.of(inc, inc.resolve("linux"));
  }

  /**
   * @param cmd a command
   * @return its first line of output, or "" when it cannot run
   */
  static String firstLine(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return out.lines().findFirst().orElse("");
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /**
   * The CUDA toolkit holds {@code crt/host_config.h}, which the pip CUDA headers lack
   * (GPU_NOTES.md). nvcc may be a wrapper script, so nvcc itself is asked for its TOP.
   *
   * @return the toolkit folder, or null when neither CUDA_HOME nor nvcc says
   */
  static Path cudaHome() {
    String env = System.getenv("CUDA_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    if (onPath("nvcc") == null) {
      return null;
    }
    try {
      Process p =
          new ProcessBuilder("nvcc", "--dryrun", "-c", "-x", "cu", "/dev/null", "-o", "/dev/null")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return out.lines()
          .filter(l -> l.startsWith("#$ TOP="))
          .map(l -> Path.of(l.substring("#$ TOP=".length()).strip()))
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
