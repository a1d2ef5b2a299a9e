package org.scalecast.harness.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --jobs N|auto} option of {@code sweep run}, {@code quickstart} and {@code bench
 * sweep}, defined once (a picocli mixin); {@link SweepCommand#jobsRunner} reads it.
 */
final class JobsOption {
  @Option(
      names = "--jobs",
      paramLabel = "N|auto",
      defaultValue = "1",
      description =
          "Runs at a time, each in its own JVM, or auto: on the CPU, runs of tiny models one thread"
              + " each and one per core, larger ones every core, largest first (the rule and its"
              + " measurement: docs/training.md; default: ${DEFAULT-VALUE}).")
  String jobs = "1";
}
