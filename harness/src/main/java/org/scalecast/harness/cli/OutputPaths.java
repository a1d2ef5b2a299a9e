package org.scalecast.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scalecast.results.InputException;

/**
 * An output option may not name an input: {@code fit TABLE --out TABLE} replaced the results table
 * with the fit file, and {@code backtest --cases} the table or the config, exit 0 (a bad-input
 * hunt, twentieth session), losing what was recorded.
 */
final class OutputPaths {
  private OutputPaths() {}

  /**
   * @param option the output's option, for the message
   * @param out the output path, or null when not given
   * @param inputs the command's input files (nulls skipped)
   * @throws InputException when {@code out} is one of them
   */
  static void notAnInput(String option, Path out, Path... inputs) {
    if (out == null) {
      return;
    }
    for (Path in : inputs) {
      if (in != null && same(out, in)) {
        throw new InputException(
            option + " " + out + ": is an input of this command; give another file");
      }
    }
  }

  private static boolean same(Path a, Path b) {
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }
}
