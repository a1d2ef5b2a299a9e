package org.scalecast.fit.flp;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The interval arithmetic of {@link Backtest}: split conformal's quantile of nonconformity scores
 * (Vovk et al. 2005; Lei et al. 2018), the Student-t bound used when the scores are too few for it,
 * the leave-one-case-out coverage of the quantile, and a point's leverage over fitted points. Pure
 * functions of arrays, so the laws of the bounds are tested without a ladder.
 */
final class Conformal {
  private Conformal() {}

  /**
   * The leverage of a point x over fitted points x_i (here log10 compute of the fitted runs'
   * finals): sqrt(1 / n + (x - mean)^2 / Sxx), the standard error of a least-squares line's
   * prediction at x in units of its residual scale. Far from the data it grows like the distance
   * from the data's centre over their spread, so it counts, besides the distance, how many runs a
   * fit had and how wide a compute range they spanned: a backtest fitted on the three smallest runs
   * extrapolates more, relative to what it knows, than the target's fit on every run does at the
   * same distance. It is the standard error of the fitted line, not of a new observation (sqrt(1 +
   * h^2)): noise that no number of runs removes (a seed's, an evaluation's) is scaled by it too,
   * inflated for shallow cases and deflated for deep ones; {@link ScaleChoice}'s validation on the
   * deepest holdout is what guards against that.
   *
   * @param fitted the fitted points
   * @param x the predicted point
   * @return the leverage, NaN when the fitted points do not vary
   */
  static double leverage(double[] fitted, double x) {
    double mean = Arrays.stream(fitted).average().orElse(Double.NaN);
    double sxx = Arrays.stream(fitted).map(v -> (v - mean) * (v - mean)).sum();
    return sxx > 0 ? Math.sqrt(1.0 / fitted.length + (x - mean) * (x - mean) / sxx) : Double.NaN;
  }

  /**
   * @param n cases
   * @param level coverage
   * @return whether split conformal's ceil((n + 1) level)-th score exists
   */
  static boolean enough(int n, double level) {
    return Math.ceil((n + 1) * level) <= n;
  }

  /**
   * @param level coverage, below 1
   * @return the fewest scores {@link #enough} accepts: 9 at 90%, 19 at 95%. The warning that says
   *     how many a bound needs printed ceil(level / (1 - level)), which is 10 at 90% (0.9 / 0.1 is
   *     9.000000000000002 in doubles; a new user on the RWKV-4 ladder, eighteenth session).
   */
  static int fewest(double level) {
    // Near the answer, not from 1: at a level of 1 - 1e-10 counting up never ended (a review).
    long guess = (long) Math.floor(level / (1 - level)) - 2;
    int n = (int) Math.max(1, Math.min(guess, Integer.MAX_VALUE - 2));
    while (!enough(n, level) && n < Integer.MAX_VALUE - 2) {
      n++;
    }
    return n;
  }

  /**
   * @param scores nonconformity scores
   * @param level coverage
   * @return the ceil((n + 1) level)-th smallest (Lei et al. 2018), or the largest when n is too
   *     small for the level
   */
  static double conformalQuantile(double[] scores, double level) {
    double[] s = scores.clone();
    Arrays.sort(s);
    int k = (int) Math.ceil((s.length + 1) * level);
    return s[Math.min(k, s.length) - 1];
  }

  /**
   * The bound for too few scores for split conformal (see {@link Backtest}'s class comment): t_{n,
   * (1 + level) / 2} times their root mean square, and at least the largest of them.
   *
   * @param scores n nonconformity scores, n at least 1
   * @param level coverage
   * @return the bound
   */
  static double smallSampleBound(double[] scores, double level) {
    return studentT(scores, 0, 0, level);
  }

  /**
   * t with n + k degrees of freedom times the root mean square of the n scores and k prior cases of
   * the given square, and at least the largest score.
   */
  private static double studentT(
      double[] scores, double priorSquare, int priorCases, double level) {
    double sq = priorCases * priorSquare;
    double max = 0;
    for (double x : scores) {
      sq += x * x;
      max = Math.max(max, x);
    }
    int n = scores.length + priorCases;
    double t = new TDistribution(n).inverseCumulativeProbability((1 + level) / 2);
    return Math.max(max, t * Math.sqrt(sq / n));
  }

  /**
   * {@link #smallSampleBound} with one more case at the ladder's typical score: a task's one or two
   * backtest errors on a thin ladder say little of its error's scale, and a lucky small one made a
   * 1.9-point interval that missed (a new user's MobileLLM 1.5B HellaSwag, thirtieth session). The
   * scale is estimated as (sum of own squared scores + s_L^2) / (n + 1), s_L the median of the
   * ladder's absolute scores over 0.6745 (a normal's median absolute value in its standard
   * deviations: robust to one task's large misses), with n + 1 degrees of freedom: an empirical
   * Bayes prior worth one case. Over the 44 comparison configurations at 90% (thirtieth session)
   * the printed task rows held 366 of 400 instead of 362 (four more, none fewer; 29 narrower, 36
   * wider; median width 9.3 points instead of 9.1); on the new user's ladder, kept apart, 7 of 7
   * instead of 6 of 7 at a median width of 6.8 instead of 9.7. Pooling every task's errors instead
   * held 377 of 400 at 10.9-11.3 points, OPT's intervals 39 points wide: one task's misses set
   * every other's.
   *
   * @param own the row's own pooled scores, too few for a conformal bound
   * @param ladder every task's scores (own included)
   * @param level coverage
   * @return the bound, never less than the largest own score
   */
  static double shrunkBound(double[] own, double[] ladder, double level) {
    // A case without a leverage (every fitted run at one compute) has no score on that scale: a
    // review found one such NaN making the bound NaN.
    List<Double> abs =
        Arrays.stream(ladder).filter(Double::isFinite).map(Math::abs).boxed().toList();
    if (abs.isEmpty()) {
      return smallSampleBound(own, level);
    }
    double typical = Withheld.median(abs) / MEDIAN_ABS_NORMAL;
    return studentT(own, typical * typical, 1, level);
  }

  /** The median of |Z| for a standard normal Z. */
  static final double MEDIAN_ABS_NORMAL = 0.6744897501960817;

  /** Share of cases whose score is within the bound the other cases give. */
  static Double jackknifeCoverage(double[] scores, double level) {
    if (scores.length < 2) {
      return null;
    }
    int covered = 0;
    for (int i = 0; i < scores.length; i++) {
      double[] rest = new double[scores.length - 1];
      for (int j = 0, k = 0; j < scores.length; j++) {
        if (j != i) {
          rest[k++] = scores[j];
        }
      }
      if (scores[i] <= conformalQuantile(rest, level)) {
        covered++;
      }
    }
    return (double) covered / scores.length;
  }
}
