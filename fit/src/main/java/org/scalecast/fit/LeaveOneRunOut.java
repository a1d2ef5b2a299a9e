package org.scalecast.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Leave-one-run-out validation: refit without each run (all its rows) and predict that run's rows.
 * Leaving whole runs out, not single checkpoints, is the honest check when checkpoints of a run are
 * correlated (METHODS.md section 7). Refits start from the full-data optimum.
 */
public final class LeaveOneRunOut {
  private LeaveOneRunOut() {}

  /**
   * @param runId the run left out (or the row number when rows have no run id)
   * @param rows its number of rows
   * @param meanAbsRelError mean |predicted - actual| / |actual| over its rows
   * @param rmse root mean square error over its rows
   */
  public record Fold(String runId, int rows, double meanAbsRelError, double rmse) {}

  /**
   * @param folds one per run
   * @param meanAbsRelError mean of the folds' relative errors
   * @param maxAbsRelError the worst fold
   */
  public record Result(List<Fold> folds, double meanAbsRelError, double maxAbsRelError) {}

  /**
   * @param fitter the fitter
   * @param law the law
   * @param obs the points
   * @param full the full-data fit
   * @return one fold per run; folds whose refit fails have NaN errors
   */
  public static Result run(LawFitter fitter, ScalingLaw law, Observations obs, FitResult full) {
    List<int[]> groups = obs.groups();
    List<double[]> start = List.<double[]>of(full.params());
    Fold[] folds =
        IntStream.range(0, groups.size())
            .parallel()
            .mapToObj(g -> fold(fitter, law, obs, groups, g, start))
            .toArray(Fold[]::new);
    double sum = 0;
    double max = 0;
    int counted = 0;
    for (Fold f : folds) {
      if (Double.isFinite(f.meanAbsRelError())) {
        sum += f.meanAbsRelError();
        max = Math.max(max, f.meanAbsRelError());
        counted++;
      }
    }
    return new Result(
        List.of(folds), counted == 0 ? Double.NaN : sum / counted, counted == 0 ? Double.NaN : max);
  }

  private static Fold fold(
      LawFitter fitter,
      ScalingLaw law,
      Observations obs,
      List<int[]> groups,
      int g,
      List<double[]> start) {
    int[] out = groups.get(g);
    List<Integer> keep = new ArrayList<>();
    for (int h = 0; h < groups.size(); h++) {
      if (h != g) {
        for (int row : groups.get(h)) {
          keep.add(row);
        }
      }
    }
    String id = obs.hasRunIds() ? obs.runIds().get(out[0]) : "row " + (out[0] + 1);
    try {
      FitResult r =
          fitter.fitFrom(
              law, obs.select(keep.stream().mapToInt(Integer::intValue).toArray()), start);
      double rel = 0;
      double sq = 0;
      for (int row : out) {
        double e = law.value(obs.x()[row], r.params()) - obs.y()[row];
        rel += Math.abs(e / obs.y()[row]);
        sq += e * e;
      }
      return new Fold(id, out.length, rel / out.length, Math.sqrt(sq / out.length));
    } catch (RuntimeException e) {
      return new Fold(id, out.length, Double.NaN, Double.NaN);
    }
  }
}
