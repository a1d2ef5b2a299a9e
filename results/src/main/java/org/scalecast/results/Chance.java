package org.scalecast.results;

/**
 * Chance normalisation of a score, a' = (P - chance) / (1 - chance): 0 at guessing, 1 at perfect
 * (Krajewski et al.; Gadre et al. 2024 average chance-normalised errors). The one place this is
 * computed.
 */
public final class Chance {
  private Chance() {}

  /**
   * @param score a score in [0, 1]
   * @param chance the score of guessing, below 1
   * @return the chance-normalised score
   */
  public static double normalise(double score, double chance) {
    return (score - chance) / (1 - chance);
  }

  /**
   * @param normalised a chance-normalised score
   * @param chance the score of guessing
   * @return the score
   */
  public static double denormalise(double normalised, double chance) {
    return chance + (1 - chance) * normalised;
  }

  /**
   * The lowest score a prediction from these scores may take: chance, or the lowest of them when
   * that is lower (a line through scores at chance extrapolates their noise below it; scores below
   * chance are a trend it may follow). {@code direct-blend}'s halves and its figure use it.
   *
   * @param normalised chance-normalised scores
   * @param chance the score of guessing
   * @return the floor, a score
   */
  public static double floor(double[] normalised, double chance) {
    double lowest = java.util.Arrays.stream(normalised).min().orElse(0);
    return Math.min(chance, denormalise(lowest, chance));
  }
}
