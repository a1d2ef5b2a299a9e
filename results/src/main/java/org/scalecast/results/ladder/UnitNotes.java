package org.scalecast.results.ladder;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Notes on N and D whose size says a unit is likely wrong. A uniform slip predicts alike (the laws
 * are in log scale) but prints and plans nonsense, and a slip in one run's cells moves its point.
 */
final class UnitNotes {
  private UnitNotes() {}

  /** Fewer tokens per parameter than this at every run's last checkpoint: D in billions? */
  static final double FEWEST_PER_PARAMETER = 0.1;

  /**
   * More than this at every run's last checkpoint: D scaled twice? Released small models reach
   * about 6e4 (Qwen3-0.6B on 36T tokens).
   */
  static final double MOST_PER_PARAMETER = 1e6;

  /**
   * @param c the rows' role values
   * @param spec the ladder's section, for its units
   * @param keep the rows kept
   * @param last each kept run's last row
   * @param notes where the notes go
   */
  static void note(
      RoleValues c,
      LadderSpec spec,
      List<Integer> keep,
      Collection<Integer> last,
      List<String> notes) {
    unscaledN(c, spec, keep, notes);
    tokensPerParameter(c, last, notes);
  }

  /** Notes an N so small that the column is likely in millions or billions without units:. */
  private static void unscaledN(
      RoleValues c, LadderSpec spec, List<Integer> keep, List<String> notes) {
    double largest = keep.stream().mapToDouble(r -> c.nParams()[r]).max().orElse(Double.NaN);
    if (largest < 1e4 && spec.unit("n_params") == 1) {
      // A table in billions read without units: predicts alike (the laws are in log scale) but
      // prints N = 7.000 and plans nothing sensible.
      notes.add(
          String.format(Locale.ROOT, "the largest N is %.4g", largest)
              + " parameters: if the column counts millions or billions, give units: {n_params:"
              + " 1e6 or 1e9}");
    }
  }

  /**
   * Notes D/N at the runs' last checkpoints when every run's is out of any trained model's range: a
   * token count of 1 (for "1T") or a units: of 1e12 on counts read without a word, while a small N
   * had its note (a new user's MobileLLM ladder, thirtieth session).
   */
  private static void tokensPerParameter(
      RoleValues c, Collection<Integer> last, List<String> notes) {
    double least = Double.POSITIVE_INFINITY;
    double most = 0;
    for (int r : last) {
      double ratio = c.tokens()[r] / c.nParams()[r];
      if (Double.isFinite(ratio) && ratio > 0) {
        least = Math.min(least, ratio);
        most = Math.max(most, ratio);
      }
    }
    if (most > 0 && most < FEWEST_PER_PARAMETER) {
      notes.add(
          String.format(
              Locale.ROOT,
              "every run's last checkpoint has at most %.3g tokens per parameter (D/N): check"
                  + " the units of D and N (tokens in billions or trillions want units: {tokens:"
                  + " 1e9 or 1e12}; N scaled twice?)",
              most));
    } else if (least > MOST_PER_PARAMETER && least < Double.POSITIVE_INFINITY) {
      notes.add(
          String.format(
              Locale.ROOT,
              "every run's last checkpoint has at least %.3g tokens per parameter (D/N), more than"
                  + " any trained model: check the units of D and N (tokens scaled twice? N in"
                  + " millions or billions wants units: {n_params: 1e6 or 1e9})",
              least));
    }
  }
}
