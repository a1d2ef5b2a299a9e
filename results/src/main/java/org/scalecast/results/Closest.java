package org.scalecast.results;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The names closest to a misspelt one, for errors: a list of 200 columns or 40 runs cut at ten hid
 * the one meant (a new user's misspelt OLMo task and target, fifteenth session).
 */
public final class Closest {
  private Closest() {}

  /**
   * @param wanted the name given
   * @param names the names there are
   * @param k how many to return
   * @return up to {@code k} distinct names, closest first by edit distance ignoring case (a name
   *     containing the one given, or contained in it, of 3 characters or more, first of all), ties
   *     in their given order
   */
  public static List<String> to(String wanted, Collection<String> names, int k) {
    String w = wanted.toLowerCase(Locale.ROOT);
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(names));
    distinct.sort(Comparator.comparingInt(n -> distance(w, n.toLowerCase(Locale.ROOT))));
    return distinct.subList(0, Math.min(k, distinct.size()));
  }

  /**
   * @param wanted the name given
   * @param names the names there are
   * @return {@code closest: a, b, c (of N)}, or empty when there are none
   */
  public static String hint(String wanted, Collection<String> names) {
    int n = new LinkedHashSet<>(names).size();
    if (n == 0) {
      return "";
    }
    return "closest: " + String.join(", ", to(wanted, names, 3)) + " (of " + n + ")";
  }

  /**
   * Levenshtein distance; 1 for a name that contains the other, or is contained in it, unless the
   * shorter has fewer than 3 characters (a one-letter column {@code N} is in every name).
   */
  private static int distance(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    String shorter = a.length() < b.length() ? a : b;
    String longer = shorter == a ? b : a;
    if (shorter.length() >= 3 && longer.contains(shorter)) {
      return 1;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** A table of up to this many columns is listed whole when a name is not found. */
  private static final int LISTED = 12;

  /**
   * @param wanted the name given
   * @param names the names there are
   * @return " (columns: a, b)" for a few names, else "; closest: a, b, c (of N)": {@code fit --map}
   *     with a misspelt column listed a ladder's 200 in one line of 6,011 characters (a new user,
   *     twenty-fifth session)
   */
  public static String columns(String wanted, Collection<String> names) {
    return new LinkedHashSet<>(names).size() <= LISTED
        ? " (columns: " + String.join(", ", names) + ")"
        : "; " + hint(wanted, names);
  }
}
