package org.scalecast.harness.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.scalecast.fit.flp.PredictionRow;
import org.scalecast.fit.flp.TargetPredictor;
import org.scalecast.results.QuantityKind;

/**
 * The report's figures of predicted against actual values: the target's predictions by the methods
 * chosen in advance, and their backtests' held-out runs, each with its y = x line.
 */
final class AgainstActual {
  private AgainstActual() {}

  /**
   * @param out the report folder
   * @param rows the target's rows
   * @param level the intervals' coverage
   * @return the figures' file names, those with points only
   * @throws IOException when a figure cannot be written
   */
  static List<String> figures(Path out, List<PredictionRow> rows, double level) throws IOException {
    List<String> files = new ArrayList<>(predictedVsActual(out, rows, level));
    files.addAll(backtestFigures(out, rows));
    return files;
  }

  /**
   * The chosen predictions with actual values, predicted against actual, one figure for losses and
   * one for task scores.
   */
  private static List<String> predictedVsActual(Path out, List<PredictionRow> rows, double level)
      throws IOException {
    List<String> files = new ArrayList<>();
    for (boolean losses : new boolean[] {true, false}) {
      // The methods chosen in advance, refusals left out: what a user gets. It drew the best
      // method in hindsight, refused quantities included, which read as the tool's predictions
      // (a new user's Pythia report: every point on y = x, three of them refused).
      List<PredictionRow> best =
          rows.stream()
              .filter(r -> r.chosenInAdvance() && r.actual() != null && r.predicted() != null)
              .filter(r -> (r.kind() == QuantityKind.LOSS) == losses)
              .toList();
      if (best.isEmpty()) {
        continue;
      }
      double[] a = best.stream().mapToDouble(PredictionRow::actual).toArray();
      double[] pr = best.stream().mapToDouble(PredictionRow::predicted).toArray();
      double min = Math.min(Arrays.stream(a).min().orElse(0), Arrays.stream(pr).min().orElse(0));
      double max = Math.max(Arrays.stream(a).max().orElse(1), Arrays.stream(pr).max().orElse(1));
      boolean meanError =
          best.stream().anyMatch(r -> r.quantity().equals(TargetPredictor.MEAN_ERROR));
      String what = losses ? "losses" : meanError ? "task scores and mean error" : "task scores";
      Plot p =
          againstActual(
              capitalized(what)
                  + ": predicted (chosen in advance) vs actual; bars "
                  + PredictionTables.percent(level)
                  + " intervals",
              min,
              max);
      // One legend entry per quantity: a single series left a reader to guess which point was
      // which, and the mean error passed for an unnamed task (a new user's DCLM report).
      Set<String> names = new HashSet<>();
      for (int i = 0; i < best.size(); i++) {
        PredictionRow r = best.get(i);
        int c = i % Plot.PALETTE.length;
        p.add(
            new Plot.Series(
                Report.unique(names, Report.shortName(r.quantity()), r.quantity()),
                new double[] {a[i]},
                new double[] {pr[i]},
                new double[] {Report.nz(r.lower())},
                new double[] {Report.nz(r.upper())},
                i < Plot.PALETTE.length ? Plot.Style.DIAMONDS : Plot.Style.SQUARES,
                Plot.PALETTE[c]));
      }
      String file = "predicted_vs_actual_" + (losses ? "losses" : "tasks") + ".png";
      p.write(out.resolve(file));
      files.add(file);
    }
    return files;
  }

  /**
   * The backtests of the methods chosen in advance: each held-out run, predicted against actual,
   * one figure for losses and one for task scores (on one axis a perplexity near 5 flattened the
   * scores in [0, 1]: a new user's OPT report).
   */
  private static List<String> backtestFigures(Path out, List<PredictionRow> rows)
      throws IOException {
    List<String> files = new ArrayList<>();
    for (QuantityKind kind : List.of(QuantityKind.LOSS, QuantityKind.SCORE)) {
      List<double[]> pts = backtestPoints(rows, kind);
      if (pts.isEmpty()) {
        continue;
      }
      boolean losses = kind == QuantityKind.LOSS;
      double min = pts.stream().mapToDouble(v -> Math.min(v[0], v[1])).min().orElse(0);
      double max = pts.stream().mapToDouble(v -> Math.max(v[0], v[1])).max().orElse(1);
      Plot p =
          againstActual(
              "Backtests of the methods chosen in advance ("
                  + (losses ? "losses" : "task scores")
                  + "): held-out runs, predicted against actual",
              min,
              max);
      p.add(
          new Plot.Series(
              losses ? "losses" : "task scores",
              pts.stream().mapToDouble(v -> v[0]).toArray(),
              pts.stream().mapToDouble(v -> v[1]).toArray(),
              Plot.Style.POINTS,
              losses ? Report.FIT : Report.TARGET));
      String file = "backtest_predicted_vs_actual_" + (losses ? "losses" : "tasks") + ".png";
      p.write(out.resolve(file));
      files.add(file);
    }
    return files;
  }

  /** (actual, predicted) of the backtest cases of the methods chosen in advance, of one kind. */
  private static List<double[]> backtestPoints(List<PredictionRow> rows, QuantityKind kind) {
    List<double[]> pts = new ArrayList<>();
    for (PredictionRow r : rows) {
      if (r.chosenInAdvance() && r.backtest() != null && r.kind() == kind) {
        r.backtest().detail().forEach(c -> pts.add(new double[] {c.actual(), c.predicted()}));
      }
    }
    return pts;
  }

  /** A predicted-against-actual plot with its y = x line over [min, max]. */
  private static Plot againstActual(String title, double min, double max) {
    return new Plot(title, "actual", "predicted", Plot.Scale.LINEAR, Plot.Scale.LINEAR)
        .add(
            new Plot.Series(
                "y = x",
                new double[] {min, max},
                new double[] {min, max},
                Plot.Style.DASHED,
                Report.FAINT));
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
