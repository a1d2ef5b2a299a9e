package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.scalecast.fit.Observations;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import tech.tablesaw.api.Table;

/**
 * Says where a task's score falls as compute grows across the sampling runs: the laws were made for
 * scores that rise toward 1. A new user's Jais ladder put TruthfulQA (mc2: 0.409, 0.404, 0.401 from
 * 590M to 2.7B) at 0.39-0.40 for the 6.7B and 13B, 5.2 and 3.2 points above the actual values, with
 * 1.4-point intervals and no word (twenty-eighth session). Over the comparison harness's 44
 * configurations the warning is on 32 rows chosen in advance, 30 printed (23 intervals held), 22 of
 * them TruthfulQA in Ruan et al.'s families, where the chosen methods did follow the fall (0.7-3.4
 * points off, 17 of 22 intervals held): a warning, not a refusal, also since a task at chance
 * scatters down as often as up.
 */
public final class FallingScore {
  private FallingScore() {}

  /** At or below this rank correlation of final score with C, the score falls. */
  static final double RHO = -0.8;

  /** The fewest runs to tell a trend from. */
  static final int MIN_RUNS = 3;

  /**
   * @param t the table
   * @param finals the sampling runs' final rows
   * @param score a task's score column
   * @return the warning, or null when the runs' final scores do not fall with C
   */
  static String warning(Table t, List<Integer> finals, String score) {
    double[] f = fall(t, finals, score);
    return f == null
        ? null
        : String.format(
            Locale.ROOT,
            "the sampling runs' final scores fall as C grows (%.3f to %.3f, rank correlation %.2f"
                + " over %d runs): an inverse-scaling task, which the laws, made for rising"
                + " scores, may not follow past the runs",
            f[0],
            f[1],
            f[2],
            (int) f[3]);
  }

  /**
   * @param finals runs' final points of a score (or of its chance-normalised value) in C alone
   * @return whether they fall with C, as {@link #warning} judges it: {@code direct-blend} then
   *     leaves its interval's lower end below its floor, and its figure draws the band so
   */
  public static boolean falls(Observations finals) {
    double[] c = new double[finals.y().length];
    for (int i = 0; i < c.length; i++) {
      c[i] = finals.x()[i][0];
    }
    return fall(c, finals.y()) != null;
  }

  /** The first and last final score by C, their rank correlation and count, or null. */
  private static double[] fall(Table t, List<Integer> finals, String score) {
    List<Double> c = new ArrayList<>();
    List<Double> s = new ArrayList<>();
    for (int r : finals) {
      double x = CsvTables.numberOrNaN(t, Columns.FLOPS, r);
      double y = CsvTables.numberOrNaN(t, score, r);
      if (Double.isFinite(x) && Double.isFinite(y)) {
        c.add(x);
        s.add(y);
      }
    }
    return fall(
        c.stream().mapToDouble(Double::doubleValue).toArray(),
        s.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double[] fall(double[] c, double[] s) {
    if (s.length < MIN_RUNS) {
      return null;
    }
    Integer[] order = new Integer[s.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(c[a], c[b]));
    double first = s[order[0]];
    double last = s[order[order.length - 1]];
    double rho = new SpearmansCorrelation().correlation(c, s);
    return rho <= RHO && last < first ? new double[] {first, last, rho, s.length} : null;
  }
}
