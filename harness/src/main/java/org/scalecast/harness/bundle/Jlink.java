package org.scalecast.harness.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import org.scalecast.harness.jni.Programs;
import org.scalecast.results.InputException;

/**
 * A Java runtime with only the modules the jars use (jdeps over the project's jars, GPU_NOTES.md),
 * made once per JDK and kept in the cache. Debug symbols are stripped, and jlink does not compress
 * (xz does it better: 17.1 MB as tar.xz against 28.9 MB). Header files are kept: jni.h is what
 * {@code native build} needs on a node without a JDK (issue 12).
 */
final class Jlink {
  /** The modules jdeps found over the runtime jars (GPU_NOTES.md). */
  static final String MODULES =
      "java.base,java.compiler,java.desktop,java.logging,"
          + "java.management,java.naming,java.sql,java.xml,jdk.unsupported";

  private Jlink() {}

  /**
   * @param cache folder for runtimes
   * @return the runtime folder, made now or earlier with the same JDK and options
   */
  static Path runtime(Path cache) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--add-modules",
                MODULES,
                "--strip-java-debug-attributes",
                "--no-man-pages",
                "--compress=0"));
    // jlink strips native symbols with objcopy (binutils); without it the runtime stays larger.
    // Not --strip-debug beside it: JDK 17.0.15's jlink refuses the two together ("conflicts with
    // --strip-native-debug-symbols"), and --strip-debug is these two where objcopy is found.
    if (Programs.onPath("objcopy") != null) {
      args.add("--strip-native-debug-symbols=exclude-debuginfo-files");
    }
    String key =
        Integer.toHexString(
            (System.getProperty("java.home") + System.getProperty("java.vm.version") + args)
                .hashCode());
    Path done = cache.resolve("runtime-" + key);
    if (Files.exists(done.resolve("bin/java"))) {
      return done;
    }
    ToolProvider jlink =
        ToolProvider.findFirst("jlink")
            .orElseThrow(
                () ->
                    new InputException(
                        "bundle: jlink not found: run scalecast with a JDK 17 (Debian: openjdk-17-jdk-headless)"));
    Files.createDirectories(cache);
    Path tmp = cache.resolve("runtime-" + key + ".tmp" + ProcessHandle.current().pid());
    args.addAll(List.of("--output", tmp.toString()));
    ByteArrayOutputStream msg = new ByteArrayOutputStream();
    PrintStream p = new PrintStream(msg, true, java.nio.charset.StandardCharsets.UTF_8);
    if (jlink.run(p, p, args.toArray(String[]::new)) != 0) {
      throw new IOException("jlink failed: " + msg);
    }
    Files.move(tmp, done);
    return done;
  }
}
