package org.scalecast.harness.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project folder, for files the commands default to (configs/). */
final class Home {
  private Home() {}

  /**
   * @param relative a path inside the project
   * @return it under {@code -Dscalecast.home} (set by the launcher), else under the working folder
   */
  static Path file(String relative) {
    String home = System.getProperty("scalecast.home");
    if (home != null && Files.exists(Path.of(home, relative))) {
      return Path.of(home, relative);
    }
    return Path.of(relative);
  }
}
