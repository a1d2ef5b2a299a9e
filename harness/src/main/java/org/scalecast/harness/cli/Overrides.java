package org.scalecast.harness.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --set} option of {@code sweep run}, {@code sweep submit} and {@code sweep plan},
 * defined once (a picocli mixin) so that the flag reads and helps the same everywhere.
 */
final class Overrides {
  @Option(
      names = "--set",
      paramLabel = "KEY.PATH=VALUE",
      description =
          "Override a config key (repeatable): dotted path, list indices allowed"
              + " (models[1].lr=1e-3), value read as YAML; recorded in each run.json.")
  List<String> sets = new ArrayList<>();
}
