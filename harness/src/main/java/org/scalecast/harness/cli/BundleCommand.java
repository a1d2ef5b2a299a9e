package org.scalecast.harness.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalecast.harness.bundle.Bundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scalecast bundle}: everything a GPU node without Java needs, in one archive (issue 12).
 */
@Command(
    name = "bundle",
    mixinStandardHelpOptions = true,
    description = {
      "Write one tar.xz for a machine with no Java and no network: a Java runtime (jlink),",
      "the jars without the CPU native jar, a launcher, the configs and the JNI build step",
      "('scalecast native build'). Unpack it with 'tar -xJf FILE' and run scalecast/scalecast.",
      "Needs a JDK 17 (jlink). Exit 1 when the archive exceeds 40 MiB."
    })
public final class BundleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Archive to write.")
  Path out;

  @Option(
      names = "--preset",
      defaultValue = "9",
      paramLabel = "0-9",
      description = "xz preset (default: ${DEFAULT-VALUE}); parts are cached in the cache folder.")
  int preset;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Cache (default: $SCALECAST_CACHE, else ~/.cache/scalecast); bundle/ inside.")
  Path cache;

  @Override
  public Integer call() throws IOException {
    PrintWriter w = spec.commandLine().getOut();
    List<Path> cp =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(Path::of)
            .toList();
    long t0 = System.nanoTime();
    long size =
        new Bundle(SweepCommand.cache(cache).resolve("bundle"), preset)
            .write(Bundle.runtimeJars(cp), Home.file("."), out, w);
    w.printf(
        "bundle: %s, %.1f MiB, in %.0f s%n", out, size / 1048576.0, (System.nanoTime() - t0) / 1e9);
    if (size > Bundle.LIMIT_BYTES) {
      spec.commandLine()
          .getErr()
          .printf("bundle: %s is over the 40 MiB a GPU node can carry%n", out);
      return 1;
    }
    return 0;
  }
}
