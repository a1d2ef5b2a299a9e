package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalecast.results.Columns;
import org.scalecast.results.InputException;
import org.scalecast.results.QuantityKind;
import tech.tablesaw.api.Table;

/**
 * Leave-one-run-out: each sampling run in turn is treated as the target and predicted by the same
 * method from the other sampling runs; the mean error over those runs goes beside every prediction,
 * and a warning when it exceeds {@link #LORO_WARN} for a loss (relative) or {@link
 * #LORO_WARN_POINTS} for a score (absolute) (Lourie et al. 2025: a tool should say when its
 * extrapolation is not trustworthy).
 */
final class LeaveOneRunOutCheck {
  /** Leave-one-run-out mean relative errors of losses above this get a warning. */
  static final double LORO_WARN = 0.05;

  /** Leave-one-run-out mean absolute errors of scores above this (5 points) get a warning. */
  static final double LORO_WARN_POINTS = 0.05;

  /** How this check's warning of an error above its limit begins. */
  private static final String WARNING = "leave-one-run-out error ";

  private LeaveOneRunOutCheck() {}

  /**
   * @param t the table
   * @param spec what to predict
   * @param sampling rows of the sampling runs
   * @param rows the target's rows
   * @param warm the full fits' parameters, to start refits from
   * @param refits fits to reuse where a held-out run leaves a fit the same points, and to add to
   * @return them with their leave-one-run-out errors
   */
  static List<PredictionRow> apply(
      Table t,
      PredictSpec spec,
      List<Integer> sampling,
      List<PredictionRow> rows,
      Map<String, double[]> warm,
      Refits refits) {
    Map<String, List<Integer>> byRun = new LinkedHashMap<>();
    for (int r : sampling) {
      byRun.computeIfAbsent(t.column(Columns.RUN_ID).getString(r), k -> new ArrayList<>()).add(r);
    }
    // Held-out runs in parallel, each from its own fits; errors summed in run order.
    List<List<TargetPredictor.Attempt>> predicted =
        byRun.entrySet().parallelStream()
            .map(
                held ->
                    predictWithout(t, spec, sampling, held.getKey(), held.getValue(), warm, refits))
            .toList();
    Map<String, double[]> sums = new HashMap<>(); // quantity|method -> {abs sum, rel sum, n}
    for (List<TargetPredictor.Attempt> out : predicted) {
      for (TargetPredictor.Attempt a : out) {
        PredictionRow p = a.row();
        if (p.absError() != null) {
          double[] s = sums.computeIfAbsent(key(p), k -> new double[3]);
          s[0] += p.absError();
          s[1] += p.relError() == null ? Double.NaN : p.relError();
          s[2]++;
        }
      }
    }
    List<PredictionRow> result = new ArrayList<>();
    for (PredictionRow p : rows) {
      double[] s = sums.get(key(p));
      result.add(s == null ? p : p.withLoro(s[0] / s[2], s[1] / s[2], (int) s[2], warning(p, s)));
    }
    return result;
  }

  /**
   * @return the held-out run predicted by every method from the other runs, or nothing when it
   *     cannot be (too few runs left for some law, or no final row: diverged, or still training)
   */
  private static List<TargetPredictor.Attempt> predictWithout(
      Table t,
      PredictSpec spec,
      List<Integer> sampling,
      String run,
      List<Integer> rows,
      Map<String, double[]> warm,
      Refits refits) {
    List<Integer> rest = new ArrayList<>(sampling);
    rest.removeAll(new HashSet<>(rows));
    try {
      Target pseudo = Target.ofRow(t, Target.finalRow(t, run));
      return TargetPredictor.predictAt(t, new SamplingRuns(t, spec, rest, pseudo, warm, refits));
    } catch (InputException e) {
      return List.of();
    }
  }

  private static String key(PredictionRow p) {
    return Predictions.key(p.quantity(), p.method());
  }

  /**
   * Losses are judged by relative error; scores by absolute error in points, since a score near
   * zero (a task that has not emerged) makes any relative error huge.
   */
  private static String warning(PredictionRow p, double[] sums) {
    boolean loss = p.kind() == QuantityKind.LOSS;
    double err = loss ? sums[1] / sums[2] : sums[0] / sums[2];
    double limit = loss ? LORO_WARN : LORO_WARN_POINTS;
    if (!(err > limit)) {
      return null;
    }
    return loss
        ? String.format(Locale.ROOT, WARNING + "%.1f%%, above %.0f%%", 100 * err, 100 * limit)
        : String.format(Locale.ROOT, WARNING + "%.1f points, above %.0f", 100 * err, 100 * limit);
  }

  /**
   * @param part one of a row's "; "-separated warnings
   * @return whether it is this check's warning of an error above its limit
   */
  static boolean isWarning(String part) {
    return part.startsWith(WARNING) && part.contains(", above ");
  }
}
