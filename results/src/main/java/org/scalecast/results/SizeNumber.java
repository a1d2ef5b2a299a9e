package org.scalecast.results;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A number as a ladder's tables write sizes: {@code 1.3e9}, or with a K, M, B (or G) or T suffix,
 * {@code 1.3B}, {@code 180B}, {@code 70M} (runs tables and model names give N and D so; a user had
 * to convert them by hand).
 */
public final class SizeNumber {
  private SizeNumber() {}

  /**
   * @param text a cell
   * @return its value, or null when it is no number (or not finite)
   */
  public static Double parse(String text) {
    if (text == null) {
      return null;
    }
    String s = text.strip();
    int power = power(s);
    try {
      if (power == 0) {
        double v = CsvTables.decimal(s);
        return Double.isFinite(v) ? v : null;
      }
      // Decimal arithmetic: 8.3B is the double nearest 8.3e9, as 8.3e9 written out is (8.3 * 1e9
      // in doubles is one step off, and an == in where: would then match nothing).
      return new BigDecimal(s.substring(0, s.length() - 1).strip())
          .scaleByPowerOfTen(power)
          .doubleValue();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * @param text a cell
   * @return whether it is a number written with a size suffix ({@code 7B}, not {@code 7e9})
   */
  public static boolean suffixed(String text) {
    return text != null && power(text.strip()) != 0 && parse(text) != null;
  }

  /** The power of ten of a stripped cell's suffix, 0 without one. */
  private static int power(String s) {
    if (s.length() < 2) {
      return 0;
    }
    return switch (s.substring(s.length() - 1).toUpperCase(Locale.ROOT)) {
      case "K" -> 3;
      case "M" -> 6;
      case "B", "G" -> 9;
      case "T" -> 12;
      default -> 0;
    };
  }
}
