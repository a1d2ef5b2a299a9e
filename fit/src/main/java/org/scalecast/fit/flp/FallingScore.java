package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
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
final class FallingScore {
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
    List<double[]> points = new ArrayList<>();
    for (int r : finals) {
      double c = CsvTables.numberOrNaN(t, Columns.FLOPS, r);
      double s = CsvTables.numberOrNaN(t, score, r);
      if (Double.isFinite(c) && Double.isFinite(s)) {
        points.add(new double[] {c, s});
      }
    }
    if (points.size() < MIN_RUNS) {
      return null;
    }
    points.sort((a, b) -> Double.compare(a[0], b[0]));
    double[] c = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] s = points.stream().mapToDouble(p -> p[1]).toArray();
    double rho = new SpearmansCorrelation().correlation(c, s);
    if (!(rho <= RHO) || !(s[s.length - 1] < s[0])) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "the sampling runs' final scores fall as C grows (%.3f to %.3f, rank correlation %.2f over"
            + " %d runs): an inverse-scaling task, which the laws, made for rising scores, may not"
            + " follow past the runs",
        s[0],
        s[s.length - 1],
        rho,
        s.length);
  }
}
