package org.scalecast.results.ladder;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.scalecast.results.InputException;
import org.scalecast.results.SizeNumber;

/**
 * Text helpers shared by the ladder's stages ({@link Ladder}): a default name, a missing column's
 * error, an absent cell, a list of names.
 */
final class LadderText {
  private LadderText() {}

  static String or(String a, String b) {
    return a != null ? a : b;
  }

  static InputException missing(Path file, String role, String column, List<String> has) {
    return new InputException(
        file + ": no column '" + column + "' for role " + role + " (" + columns(column, has) + ")");
  }

  /**
   * Every column of a short header; of a long one the closest names (a new user's unknown derive
   * column listed 150 columns of an lm-evaluation-harness import in one line of 4.6 KB).
   */
  static String columns(String wanted, List<String> has) {
    return (has.size() <= LISTED ? "columns: " : "closest of its " + has.size() + " columns: ")
        + String.join(", ", shown(wanted, has));
  }

  /** A header this long or shorter is listed whole in an error. */
  static final int LISTED = 20;

  /** The names an error lists: all of a short header, the 3 closest of a long one. */
  static List<String> shown(String wanted, List<String> has) {
    return has.size() <= LISTED ? has : org.scalecast.results.Closest.to(wanted, has, 3);
  }

  /** A whole number as it is (a step, a count of parameters), any other to 4 digits. */
  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%.4g", v);
  }

  /**
   * Whether two cells hold one value: equal as text, or as numbers ({@code 3e8} and {@code
   * 300000000}, {@code 0.362} and {@code 0.3620}), sizes too ({@code 1M} and {@code 1e6}, as the
   * roles read them: the merge note called them different, a review of the twenty-eighth session).
   */
  static boolean sameValue(String a, String b) {
    if (a.strip().equals(b.strip())) {
      return true;
    }
    Double x = SizeNumber.parse(a);
    Double y = SizeNumber.parse(b);
    return x != null && y != null && x.doubleValue() == y.doubleValue(); // -0 == 0 (a review)
  }

  /** Whether a cell holds no value: empty, or NaN in any spelling (a missing value). */
  static boolean absent(String cell) {
    return cell == null || isNan(cell);
  }

  static boolean isNan(String cell) {
    String w = cell.strip().toLowerCase(Locale.ROOT);
    // R and spreadsheets write NA, N/A and #N/A for a missing value (a user's 'NA' refused a whole
    // quantity as "not a number"; sixteenth session).
    return w.equals("nan")
        || w.equals("none")
        || w.equals("null")
        || w.equals("na")
        || w.equals("n/a")
        || w.equals("#n/a");
  }

  /**
   * @return the names, the first ten and a count of the rest when there are more than a dozen (a
   *     published table of a hundred models filtered to one family)
   */
  static String listed(Collection<String> names) {
    return listed(names, 10);
  }

  /**
   * @return the names, or the first {@code limit} and a count of the rest when more are left
   */
  static String listed(Collection<String> names, int limit) {
    if (names.size() <= limit + 2) {
      return String.join(", ", names);
    }
    return String.join(", ", names.stream().limit(limit).toList())
        + " and "
        + (names.size() - limit)
        + " more";
  }
}
