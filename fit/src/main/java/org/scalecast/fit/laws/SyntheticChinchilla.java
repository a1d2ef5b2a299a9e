package org.scalecast.fit.laws;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.scalecast.fit.Observations;

/**
 * Synthetic loss tables from Chinchilla's published coefficients (Hoffmann et al. 2022: E = 1.69, A
 * = 406.4, B = 410.7, alpha = 0.34, beta = 0.28) with seeded multiplicative noise: the ground truth
 * for parameter-recovery tests and the fitting benchmark.
 */
public final class SyntheticChinchilla {
  /** The published coefficients in {@link ChinchillaLaw}'s order. */
  public static final double[] PUBLISHED = {1.69, 406.4, 410.7, 0.34, 0.28};

  private SyntheticChinchilla() {}

  /**
   * @param sizes number of model sizes N, log-spaced over 70M..16B (Chinchilla's range)
   * @param budgets tokens per size, log-spaced over 5B..500B
   * @param noise standard deviation of the log-normal noise on L
   * @param seed the seed
   * @return sizes x budgets points, run id per point
   */
  public static Observations generate(int sizes, int budgets, double noise, long seed) {
    Random rng = new Random(seed);
    ChinchillaLaw law = new ChinchillaLaw();
    List<double[]> xs = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    double[] y = new double[sizes * budgets];
    int i = 0;
    for (int s = 0; s < sizes; s++) {
      double n = logSpace(7e7, 1.6e10, s, sizes);
      for (int b = 0; b < budgets; b++) {
        double d = logSpace(5e9, 5e11, b, budgets);
        double[] x = {n, d};
        xs.add(x);
        ids.add("N" + s + "-D" + b);
        y[i++] = law.value(x, PUBLISHED) * Math.exp(noise * rng.nextGaussian());
      }
    }
    return new Observations(law.inputs(), law.output(), xs.toArray(double[][]::new), y, ids);
  }

  private static double logSpace(double lo, double hi, int i, int count) {
    return count == 1
        ? lo
        : Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / (count - 1));
  }
}
