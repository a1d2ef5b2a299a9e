package org.scalecast.harness.train;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws training windows: per sequence, a domain by mixture weight, then a uniform offset in that
 * domain's training stream. The generator for step s is seeded from (seed, s) alone, so a resumed
 * run draws exactly the batches an uninterrupted one would, with no generator state to save.
 */
public final class MixtureSampler {
  private final List<char[]> streams;
  private final double[] cumulative;
  private final long seed;
  private final int window;

  /**
   * @param streams training tokens per domain
   * @param weights mixture weights per domain, summing to 1
   * @param window tokens per sequence plus one (inputs and shifted targets)
   * @param seed the run's data seed
   */
  public MixtureSampler(List<char[]> streams, double[] weights, int window, long seed) {
    this.streams = List.copyOf(streams);
    this.cumulative = new double[weights.length];
    double c = 0;
    for (int i = 0; i < weights.length; i++) {
      c += weights[i];
      cumulative[i] = c;
      if (weights[i] > 0 && streams.get(i).length <= window) {
        throw new IllegalArgumentException(
            "domain "
                + i
                + " has "
                + streams.get(i).length
                + " training tokens, fewer than a window of "
                + window);
      }
    }
    this.window = window;
    this.seed = seed;
  }

  /**
   * @param step 1-based step
   * @param batch sequences
   * @param tokens receives batch x window token ids, row-major
   * @param domainOf receives the domain index of each sequence
   */
  public void draw(long step, int batch, long[] tokens, int[] domainOf) {
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
    for (int b = 0; b < batch; b++) {
      double u = rng.nextDouble();
      int d = 0;
      while (d < cumulative.length - 1 && u >= cumulative[d]) {
        d++;
      }
      char[] s = streams.get(d);
      int off = rng.nextInt(s.length - window + 1);
      for (int i = 0; i < window; i++) {
        tokens[b * window + i] = s[off + i];
      }
      domainOf[b] = d;
    }
  }
}
