package org.scalecast.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Seeded bootstrap of a fit. When rows carry run ids, whole runs are resampled with replacement
 * (checkpoints of one run are correlated, so resampling rows would understate the spread);
 * otherwise rows are. Each replicate is refitted from the full-data optimum, the usual warm start
 * for bootstrap refits. Replicates whose refit fails are counted, not hidden.
 */
public final class Bootstrap {
  private Bootstrap() {}

  /** What was resampled. */
  public enum Unit {
    /** Whole runs (rows sharing a run id). */
    RUN,
    /** Single rows. */
    ROW
  }

  /**
   * @param samples parameter vectors of the successful replicates
   * @param requested replicates asked for
   * @param failed replicates whose refit failed
   * @param seed the seed
   * @param unit what was resampled
   * @param runs the resampled runs in draw order (empty when rows were resampled)
   * @param index for each sample, its replicate number (failed refits leave gaps)
   */
  public record Result(
      double[][] samples,
      int requested,
      int failed,
      long seed,
      Unit unit,
      List<String> runs,
      int[] index) {
    /**
     * A result without draw information (replicates numbered in order).
     *
     * @param samples parameter vectors
     * @param requested replicates asked for
     * @param failed failed refits
     * @param seed the seed
     * @param unit what was resampled
     */
    public Result(double[][] samples, int requested, int failed, long seed, Unit unit) {
      this(
          samples,
          requested,
          failed,
          seed,
          unit,
          List.of(),
          IntStream.range(0, samples.length).toArray());
    }

    /**
     * @return standard deviation of each parameter over the replicates
     */
    public double[] stdErrors() {
      int p = samples.length == 0 ? 0 : samples[0].length;
      double[] se = new double[p];
      for (int j = 0; j < p; j++) {
        final int jj = j;
        se[j] =
            Math.sqrt(
                new org.apache.commons.math3.stat.descriptive.moment.Variance()
                    .evaluate(Arrays.stream(samples).mapToDouble(s -> s[jj]).toArray()));
      }
      return se;
    }
  }

  /**
   * @param fitter the fitter (its objective is used)
   * @param law the law
   * @param obs the points
   * @param full the full-data fit (the warm start)
   * @param replicates how many refits
   * @param seed the seed
   * @return the replicate parameters
   */
  public static Result run(
      LawFitter fitter,
      ScalingLaw law,
      Observations obs,
      FitResult full,
      int replicates,
      long seed) {
    List<int[]> groups = obs.groups();
    Unit unit = obs.hasRunIds() ? Unit.RUN : Unit.ROW;
    SplittableRandom rng = new SplittableRandom(seed);
    List<int[]> draws = new ArrayList<>(replicates);
    for (int b = 0; b < replicates; b++) {
      draws.add(draw(groups, rng));
    }
    List<double[]> start = List.<double[]>of(full.params());
    double[][] fits =
        IntStream.range(0, replicates)
            .parallel()
            .mapToObj(b -> refit(fitter, law, obs.select(draws.get(b)), start))
            .toArray(double[][]::new);
    double[][] ok = Arrays.stream(fits).filter(f -> f != null).toArray(double[][]::new);
    int[] index = IntStream.range(0, replicates).filter(b -> fits[b] != null).toArray();
    return new Result(
        ok, replicates, replicates - ok.length, seed, unit, runOrder(obs, groups), index);
  }

  /** The run of each group, in the order draws index them; empty when rows are resampled. */
  private static List<String> runOrder(Observations obs, List<int[]> groups) {
    if (!obs.hasRunIds()) {
      return List.of();
    }
    return groups.stream().map(g -> obs.runIds().get(g[0])).toList();
  }

  private static int[] draw(List<int[]> groups, SplittableRandom rng) {
    List<Integer> rows = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      for (int row : groups.get(rng.nextInt(groups.size()))) {
        rows.add(row);
      }
    }
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double[] refit(
      LawFitter fitter, ScalingLaw law, Observations sample, List<double[]> start) {
    try {
      FitResult r = fitter.fitFrom(law, sample, start);
      return Arrays.stream(r.params()).allMatch(Double::isFinite) ? r.params() : null;
    } catch (RuntimeException e) {
      return null; // too few distinct points in this draw, or no finite objective
    }
  }

  /**
   * @param values replicate values of one quantity
   * @param level coverage, e.g. 0.95
   * @return {lower, upper} percentiles
   */
  public static double[] percentileInterval(double[] values, double level) {
    double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
    if (finite.length == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    Percentile pct = new Percentile();
    double tail = (1 - level) / 2 * 100;
    return new double[] {
      pct.evaluate(finite, Math.max(tail, 1e-9)), pct.evaluate(finite, 100 - tail)
    };
  }
}
