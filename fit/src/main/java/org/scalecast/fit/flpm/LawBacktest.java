package org.scalecast.fit.flpm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.LawFitter;
import org.scalecast.fit.ScalingLaw;

/**
 * How well one mixture law predicts one domain's final losses from runs it was not fitted on: the
 * two extrapolations a mixture choice needs. Errors are mean absolute relative errors (0.03 = 3%).
 *
 * <ul>
 *   <li>Leave one share out: for each share r sampled, fit on the runs at the other shares and
 *       predict that share's runs. NaN where the law cannot predict (BiMix at a zero own share) or
 *       could not be fitted on the rest.
 *   <li>Leave the largest compute out: at every share, the run with the largest compute is held
 *       out, the law is fitted on the rest and predicts them (the budget lies beyond the sweep).
 * </ul>
 *
 * @param law the law's registry name
 * @param leaveShareOut held-out share -> error on its runs
 * @param leaveComputeOut error on the largest-compute runs
 */
public record LawBacktest(String law, Map<Double, Double> leaveShareOut, double leaveComputeOut) {

  /**
   * @param law the law
   * @param d one domain's runs
   * @return both backtests; each fold is fitted from the law's full default grid, not from the
   *     full-data fit, so the held-out runs cannot steer it
   */
  public static LawBacktest run(ScalingLaw law, DomainRuns d) {
    Map<Double, Double> byShare = new TreeMap<>();
    for (double share : Arrays.stream(d.r()).distinct().sorted().toArray()) {
      int[] test = IntStream.range(0, d.size()).filter(i -> d.r()[i] == share).toArray();
      byShare.put(share, heldOutError(law, d, test));
    }
    return new LawBacktest(law.name(), byShare, heldOutError(law, d, largestComputePerShare(d)));
  }

  private static int[] largestComputePerShare(DomainRuns d) {
    List<Integer> out = new ArrayList<>();
    for (double share : Arrays.stream(d.r()).distinct().toArray()) {
      IntStream.range(0, d.size())
          .filter(i -> d.r()[i] == share)
          .boxed()
          .max((a, b) -> Double.compare(d.c()[a], d.c()[b]))
          .ifPresent(out::add);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Fits on every run but {@code test}, returns the mean relative error on {@code test}. */
  private static double heldOutError(ScalingLaw law, DomainRuns d, int[] test) {
    int[] train = IntStream.range(0, d.size()).filter(i -> !contains(test, i)).toArray();
    FitResult f;
    try {
      f =
          LawFitter.create()
              .withObjective(law.defaultObjective())
              .fit(law, d.observations(law, train));
    } catch (RuntimeException e) {
      return Double.NaN; // too few runs left to fit this law
    }
    double sum = 0;
    int n = 0;
    for (int i : test) {
      if (!d.defined(law, d.r()[i])) {
        continue;
      }
      double p = law.value(d.inputs(law, d.c()[i], d.r()[i]), f.params());
      sum += Math.abs(p / d.loss()[i] - 1);
      n++;
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static boolean contains(int[] a, int v) {
    return Arrays.stream(a).anyMatch(x -> x == v);
  }

  /**
   * @return the mean leave-one-share-out error over the shares the law could predict
   */
  public double meanShareOut() {
    return leaveShareOut.values().stream()
        .filter(Double::isFinite)
        .mapToDouble(Double::doubleValue)
        .average()
        .orElse(Double.NaN);
  }

  /**
   * @return held-out shares the law could not predict, plus one if the compute backtest failed
   */
  public int unpredictable() {
    long shares = leaveShareOut.values().stream().filter(v -> !Double.isFinite(v)).count();
    return (int) shares + (Double.isFinite(leaveComputeOut) ? 0 : 1);
  }

  /**
   * The worse of the two backtests: a mixture prediction interpolates in r and extrapolates in C at
   * once, so a law is as good as its weaker direction.
   *
   * @return max(mean leave-one-share-out, leave-largest-compute-out), +inf if neither is finite
   */
  public double score() {
    double s = Math.max(nanToInf(meanShareOut()), nanToInf(leaveComputeOut));
    return s;
  }

  private static double nanToInf(double v) {
    return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
  }
}
