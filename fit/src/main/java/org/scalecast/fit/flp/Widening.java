package org.scalecast.fit.flp;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.scalecast.results.QuantityKind;

/**
 * A row's interval from its backtests' summary ({@link Backtest}): on the distance or leverage
 * scale, joined with the fit's own where the cases are too few for a conformal bound, reaching the
 * threshold of a task no sampling run has emerged on, with the target's evaluation noise for a task
 * of known item count, inside the kind's range; and the warning that says how it was made.
 */
final class Widening {
  private final double targetLeverage;
  private final double level;
  private final BacktestSpec spec;
  private final Map<String, Double> emergence;
  private final Set<String> unemerged;
  private final Map<String, Integer> items;

  /** The normal quantile of the level, for the evaluation noise of tasks with {@link #items}. */
  private final double noiseQuantile;

  /**
   * @param targetLeverage the target's leverage over the sampling runs
   * @param level interval coverage
   * @param spec thresholds and d0
   * @param emergence emergence threshold by task score column
   * @param unemerged the tasks no sampling run has emerged on
   * @param items item count by task score column
   */
  Widening(
      double targetLeverage,
      double level,
      BacktestSpec spec,
      Map<String, Double> emergence,
      Set<String> unemerged,
      Map<String, Integer> items) {
    this.targetLeverage = targetLeverage;
    this.level = level;
    this.spec = spec;
    this.emergence = emergence;
    this.unemerged = unemerged;
    this.items = items;
    this.noiseQuantile = new NormalDistribution().inverseCumulativeProbability((1 + level) / 2);
  }

  /**
   * @param r a row
   * @param s its backtests' summary
   * @return the row with the summary and its interval made from it, and what that interval is
   */
  PredictionRow widen(PredictionRow r, BacktestSummary s, int ladderScores) {
    PredictionRow withSummary = r.withBacktest(s);
    if (r.predicted() == null) {
      return withSummary;
    }
    if (s.calibration() == Calibration.NONE) {
      boolean below = belowThreshold(r);
      if ((r.lower() == null || r.upper() == null) && !below) {
        return withSummary;
      }
      double v = r.predicted();
      double e = below ? emergence.get(r.quantity()) : Double.NaN;
      // Without a fit interval (every run at 0 on HumanEval: nothing to identify), a task at chance
      // still gets the band up to its threshold, centred on the prediction.
      double lo = r.lower() != null ? r.lower() : 2 * v - e;
      double up = r.upper() != null ? r.upper() : e;
      // The fit's own interval, inside the kind's range as a calibrated one is: from three released
      // models a score's Student-t interval ran to [-0.03, 1.34].
      double hi = below ? Math.max(up, e) : up;
      double[] noisy = withEvaluationNoise(r, lo, hi);
      PredictionRow clipped =
          withSummary.withInterval(r.kind().clipLower(noisy[0]), r.kind().clipUpper(noisy[1]));
      String fitless = r.lower() == null ? Backtest.BAND_ALONE : null;
      return clipped.withWarning(noNoise(r, below ? notYetEmerged(fitless, e) : null));
    }
    double v = r.predicted();
    double[] distance = calibrated(r, s, s.distanceHalfWidth(v, r.kind(), spec.distanceOffset()));
    double[] shown =
        s.intervalScale() == BacktestSpec.IntervalScale.LEVERAGE
            ? calibrated(r, s, s.leverageQuantile() * targetLeverage * Backtest.unit(r.kind(), v))
            : distance;
    return r.withBacktest(s.withDistanceInterval(distance[0], distance[1]))
        .withInterval(shown[0], shown[1])
        .withWarning(note(r, s, ladderScores));
  }

  /**
   * prediction +- half, joined with the fit's own interval when the cases were too few for a
   * conformal bound, reaching the emergence threshold of a task no sampling run has emerged on,
   * with the evaluation noise of {@link #items} added, clipped to the kind's range.
   */
  private double[] calibrated(PredictionRow r, BacktestSummary s, double half) {
    double v = r.predicted();
    double lo = v - half;
    double hi = v + half;
    if (s.calibration() == Calibration.TOO_FEW_CASES && r.lower() != null) {
      lo = Math.min(lo, r.lower());
      hi = Math.max(hi, r.upper());
    }
    if (belowThreshold(r)) {
      hi = Math.max(hi, emergence.get(r.quantity()));
    }
    double[] noisy = withEvaluationNoise(r, lo, hi);
    return new double[] {r.kind().clipLower(noisy[0]), r.kind().clipUpper(noisy[1])};
  }

  /**
   * @param scores pooled backtest errors, fewer than a conformal bound at the level needs
   * @param level coverage
   * @param joined whether the interval is also the fit's own ({@link #calibrated}): where the fit's
   *     is the wider, a warning naming the Student-t bound alone left a 41-point interval beside a
   *     0.1-point backtest error unexplained (a new user's Falcon-H1 ladder, nineteenth session)
   * @return the warning that the interval is a Student-t bound on them; it says over what they were
   *     pooled: beside "no method has 3 backtest cases (most: 1)", "5 pooled backtest errors" read
   *     as a contradiction (a new user on the RWKV-4 ladder)
   */
  static String tooFewScores(int scores, double level, boolean joined) {
    return String.format(
        Locale.ROOT,
        "%d backtest error%4$s pooled over the quantity's methods (a %3$.0f%% conformal bound"
            + " needs %2$d): "
            + Backtest.STUDENT_T
            + " %5$s%6$s, no distribution-free guarantee",
        scores,
        Conformal.fewest(level),
        100 * level,
        scores == 1 ? "" : "s",
        scores == 1 ? "it" : "them",
        joined ? " joined with the fit's own interval" : "");
  }

  /** What the row's warning adds about how its interval was made. */
  private String note(PredictionRow r, BacktestSummary s, int ladderScores) {
    String note = null;
    if (s.calibration() == Calibration.TOO_FEW_CASES) {
      note = tooFewScores(s.scores(), level, r.lower() != null);
      if (ladderScores > 0) {
        note = join(note, String.format(Locale.ROOT, SHRUNK, ladderScores));
      }
    }
    if (r.lower() == null) {
      // The fit had no interval (judgedWidth drops its warning): this one is the backtests' alone.
      note = join(note, Backtest.BACKTESTS_ALONE);
    }
    if (belowThreshold(r)) {
      note = notYetEmerged(note, emergence.get(r.quantity()));
    }
    return s.calibration() == Calibration.TOO_FEW_CASES ? noNoise(r, note) : note;
  }

  /**
   * The note with, for a task score of unknown item count, that the interval lacks the target's
   * evaluation noise: where backtest errors are too few for a conformal bound they say little of
   * that noise, and such intervals under 6 points wide held 50 of 67 over the comparison ladders
   * (twenty-ninth session), most of them of tasks without {@code items:}: TruthfulQA from four OPT
   * models 0.9 points wide, 0.8 off.
   */
  private String noNoise(PredictionRow r, String note) {
    // A task's: the mean error has no item count of its own.
    if (!emergence.containsKey(r.quantity()) || items.get(r.quantity()) != null) {
      return note;
    }
    return join(note, NO_NOISE);
  }

  /** What a Student-t bound shrunk toward the ladder's task errors adds to the note. */
  static final String SHRUNK_START =
      "its scale shrunk toward the typical error of the ladder's tasks";

  /** {@link #SHRUNK_START} with the count of those errors. */
  static final String SHRUNK = SHRUNK_START + " (%d backtest errors) as one more case";

  /** {@link #noNoise}'s words. */
  static final String NO_NOISE =
      "the target's own evaluation noise is not in the interval: no item count ('items:', or a"
          + " standard error column, adds it)";

  /**
   * The interval with the target's own evaluation noise added to each side in quadrature, for a
   * task whose item count is known: a measured score of n items scatters by sqrt(p (1 - p) / n)
   * around the model's true score (TruthfulQA's 817 items: 1.7 points at p = 0.35), whatever the
   * extrapolation. The backtests' errors hold that noise too, but a handful of them (a thin ladder
   * of 3-6 released models) says little about its size, and scaling them by extrapolation distance
   * shrinks it for a near target: from the 6 OPT models up to 13B, OPT-30B's TruthfulQA was put at
   * 0.328 [0.318, 0.338] at 90%, and scored 0.352. Otherwise the interval as given.
   */
  private double[] withEvaluationNoise(PredictionRow r, double lo, double hi) {
    Integer n = items.get(r.quantity());
    if (n == null || r.kind() != QuantityKind.SCORE) {
      return new double[] {lo, hi};
    }
    double v = r.predicted();
    double p = QuantityKind.SCORE.clip(v);
    double noise = noiseQuantile * Math.sqrt(p * (1 - p) / n);
    return new double[] {v - Math.hypot(v - lo, noise), v + Math.hypot(hi - v, noise)};
  }

  /** Whether a row predicts a task no sampling run has emerged on below its threshold. */
  private boolean belowThreshold(PredictionRow r) {
    return unemerged.contains(r.quantity()) && r.predicted() < emergence.get(r.quantity());
  }

  /**
   * The warning of a task no sampling run has emerged on, predicted below its threshold. Below the
   * threshold (chance + margin) a score is what the tool itself counts as noise around chance, so
   * an interval narrower than that band claims more than the runs know; and where the target leaves
   * it is not in these runs. On Gadre et al.'s RedPajama ladder a run at 16x predicted from five
   * runs at chance got 0.191 [0.172, 0.210]; it scored 0.233, under the threshold 0.241.
   */
  private static String notYetEmerged(String note, double threshold) {
    return join(
        note,
        String.format(
            Locale.ROOT,
            Backtest.NOT_YET_EMERGED
                + " %.3g: the interval reaches it, and whether the target emerges past it cannot be"
                + " foreseen from these runs",
            threshold));
  }

  private static String join(String note, String more) {
    return note == null ? more : note + "; " + more;
  }
}
