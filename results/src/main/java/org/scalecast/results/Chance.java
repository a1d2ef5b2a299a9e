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
}
