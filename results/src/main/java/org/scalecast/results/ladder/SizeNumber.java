package org.scalecast.results.ladder;

import java.util.Locale;

/**
 * A number as a ladder's tables write sizes: {@code 1.3e9}, or with a K, M, B (or G) or T suffix,
 * {@code 1.3B}, {@code 180B}, {@code 70M} (runs tables and model names give N and D so; a user had
 * to convert them by hand).
 */
final class SizeNumber {
  private SizeNumber() {}

  /**
   * @param text a cell
   * @return its value, or null when it is no number (or not finite)
   */
  static Double parse(String text) {
    if (text == null) {
      return null;
    }
    String s = text.strip();
    double scale = 1;
    if (s.length() > 1) {
      switch (s.substring(s.length() - 1).toUpperCase(Locale.ROOT)) {
        case "K" -> scale = 1e3;
        case "M" -> scale = 1e6;
        case "B", "G" -> scale = 1e9;
        case "T" -> scale = 1e12;
        default -> scale = 1;
      }
      if (scale != 1) {
        s = s.substring(0, s.length() - 1).strip();
      }
    }
    try {
      double v = Double.parseDouble(s) * scale;
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
