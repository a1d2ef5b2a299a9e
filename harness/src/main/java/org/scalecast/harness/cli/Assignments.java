package org.scalecast.harness.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.results.InputException;

/** Parses the {@code KEY=VALUE} options shared by commands ({@code --map}, {@code --at}). */
final class Assignments {
  private Assignments() {}

  /**
   * @param option the option name, for messages
   * @param specs {@code KEY=VALUE} strings; each may hold several separated by commas
   * @return key to value, in order
   */
  static Map<String, String> parse(String option, List<String> specs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String spec : specs) {
      for (String part : spec.split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0 || eq == part.length() - 1) {
          throw new InputException(option + " '" + part + "': expected NAME=VALUE");
        }
        String key = part.substring(0, eq).trim();
        if (out.put(key, part.substring(eq + 1).trim()) != null) {
          throw new InputException(option + ": " + key + " given twice");
        }
      }
    }
    return out;
  }

  /**
   * @param option the option name
   * @param specs {@code KEY=NUMBER} strings
   * @return key to number
   * @throws InputException naming the option and the assignment when a value is not a finite number
   */
  static Map<String, Double> numbers(String option, String spec) {
    Map<String, Double> out = new LinkedHashMap<>();
    parse(option, List.of(spec))
        .forEach(
            (k, v) -> {
              double x;
              try {
                x = Double.parseDouble(v);
              } catch (NumberFormatException e) {
                throw new InputException(
                    option + " " + k + "=" + v + ": '" + v + "' is not a number");
              }
              if (!Double.isFinite(x)) {
                throw new InputException(
                    option + " " + k + "=" + v + ": must be a finite number, got '" + v + "'");
              }
              out.put(k, x);
            });
    return out;
  }
}
