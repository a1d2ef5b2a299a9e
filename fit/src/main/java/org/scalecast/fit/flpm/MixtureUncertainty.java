package org.scalecast.fit.flpm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.scalecast.fit.Bootstrap;

/**
 * What the bootstrap says about the choice of mixture: an interval on each share's objective, the
 * shares tied with the best, and, when the tie is wide, the runs that would separate it.
 *
 * <p>Tie rule (paired, one-sided): share r is tied with the best share b when, in at least {@value
 * #TIE_FRACTION} of the replicates, r's objective is not below b's. Replicates are paired (the same
 * resample predicts every share), so this compares the two shares' difference, not two overlapping
 * intervals, which would call far too much a tie. Read it as: the data cannot reject "r is at least
 * as good as b" at the 10% level.
 *
 * @param requested replicates asked for
 * @param failed replicates whose refit failed (too few shares or runs in the draw)
 * @param seed the seed
 * @param level the intervals' coverage
 * @param shares per share: point objective, interval, how often not worse than the best
 * @param best the share with the highest point objective
 * @param tied the shares tied with it (the best included), ascending
 * @param cannotRank whether the tie spans at least half of the shares' range
 * @param proposal runs that would best separate the tied shares (empty with a single winner)
 */
public record MixtureUncertainty(
    int requested,
    int failed,
    long seed,
    double level,
    List<Share> shares,
    double best,
    List<Double> tied,
    boolean cannotRank,
    List<Proposal> proposal) {

  /** A share is tied with the best when not worse than it in this fraction of replicates. */
  public static final double TIE_FRACTION = 0.10;

  /** The tie "covers most of the range" when it spans at least this fraction of it. */
  public static final double WIDE_TIE = 0.5;

  /**
   * @param r the share
   * @param objective the full fit's prediction
   * @param lower lower percentile of the replicates
   * @param upper upper percentile
   * @param median the replicates' median (beside the full fit's objective: the bootstrap's bias)
   * @param notWorse fraction of replicates where r's objective is not below the best's
   * @param spread standard deviation over replicates of (r's objective - the best's)
   */
  public record Share(
      double r,
      double objective,
      double lower,
      double upper,
      double median,
      double notWorse,
      double spread) {}

  /**
   * @param r the share to train
   * @param compute the compute to train it at
   * @param why the reason it is proposed
   */
  public record Proposal(double r, double compute, String why) {}

  /**
   * @param points the full fit's prediction per share
   * @param replicates per replicate the objective per share (null entries: failed)
   * @param seed the seed
   * @param level interval coverage
   * @param compute the compute to propose new runs at (the sweep's largest, the largest it
   *     afforded: runs there constrain the extrapolation to the budget most)
   * @return the summary
   */
  public static MixtureUncertainty of(
      List<MixturePoint> points, double[][] replicates, long seed, double level, double compute) {
    double[][] ok = Arrays.stream(replicates).filter(Objects::nonNull).toArray(double[][]::new);
    int b = indexOf(points, MixturePoint.best(points));
    List<Share> shares = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      shares.add(share(points.get(i), column(ok, i), column(ok, b), level));
    }
    List<Double> tied =
        shares.stream().filter(s -> s.notWorse() >= TIE_FRACTION).map(Share::r).sorted().toList();
    double range = points.get(points.size() - 1).r() - points.get(0).r();
    boolean wide =
        tied.size() > 1 && tied.get(tied.size() - 1) - tied.get(0) >= WIDE_TIE * Math.abs(range);
    List<Proposal> proposal =
        tied.size() > 1 ? propose(shares, tied, points.get(b).r(), compute) : List.of();
    return new MixtureUncertainty(
        replicates.length,
        replicates.length - ok.length,
        seed,
        level,
        shares,
        points.get(b).r(),
        tied,
        wide,
        proposal);
  }

  private static Share share(MixturePoint p, double[] v, double[] best, double level) {
    double[] ci = Bootstrap.percentileInterval(v, level);
    int notWorse = 0;
    int n = 0;
    double sum = 0;
    double sq = 0;
    for (int k = 0; k < v.length; k++) {
      double d = v[k] - best[k];
      if (Double.isFinite(d)) {
        n++;
        notWorse += d >= 0 ? 1 : 0;
        sum += d;
        sq += d * d;
      }
    }
    double mean = n == 0 ? Double.NaN : sum / n;
    double sd = n < 2 ? Double.NaN : Math.sqrt(Math.max(0, (sq - n * mean * mean) / (n - 1)));
    double frac = n == 0 ? Double.NaN : (double) notWorse / n;
    double median = Bootstrap.percentileInterval(v, 0)[0];
    return new Share(p.r(), p.objective(), ci[0], ci[1], median, frac, sd);
  }

  /**
   * The tie's two edges and the tied share whose difference to the best varies most across
   * replicates: the least constrained comparisons, which a run there constrains most. The best
   * itself too, since every comparison is against it.
   */
  private static List<Proposal> propose(
      List<Share> shares, List<Double> tied, double best, double compute) {
    Map<Double, String> why = new LinkedHashMap<>();
    why.put(best, "the predicted best");
    why.putIfAbsent(tied.get(0), "lower edge of the tie");
    why.putIfAbsent(tied.get(tied.size() - 1), "upper edge of the tie");
    shares.stream()
        .filter(s -> tied.contains(s.r()) && Double.isFinite(s.spread()))
        .max(java.util.Comparator.comparingDouble(Share::spread))
        .ifPresent(
            s -> why.putIfAbsent(s.r(), "largest bootstrap spread of its difference to the best"));
    List<Proposal> out = new ArrayList<>();
    why.forEach((r, w) -> out.add(new Proposal(r, compute, w)));
    return out;
  }

  private static int indexOf(List<MixturePoint> points, MixturePoint p) {
    for (int i = 0; i < points.size(); i++) {
      if (points.get(i) == p) {
        return i;
      }
    }
    throw new IllegalStateException("best point not among the points");
  }

  private static double[] column(double[][] rows, int j) {
    return Arrays.stream(rows).mapToDouble(r -> r[j]).toArray();
  }
}
