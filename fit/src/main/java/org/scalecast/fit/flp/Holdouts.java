package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import tech.tablesaw.api.Table;

/**
 * The held-out runs of a {@link Backtest} ({@link BacktestSpec#holdout}: the runs above compute
 * quantiles, or the largest sizes), and the cases of one split: every method fitted on the runs it
 * keeps, each held-out run predicted.
 */
final class Holdouts {
  private Holdouts() {}

  /**
   * One backtest's cases: every method fitted once on the runs it keeps, then each held-out run
   * predicted from those fits (the fits do not depend on which run is predicted).
   */
  static List<BacktestCase> splitCases(
      Table t,
      PredictSpec spec,
      List<Integer> sampling,
      Map<String, Integer> finals,
      String depth,
      Set<String> held,
      Map<String, double[]> warm,
      Refits refits) {
    List<Integer> rest =
        sampling.stream()
            .filter(r -> !held.contains(t.column(Columns.RUN_ID).getString(r)))
            .toList();
    double[] fitC =
        finals.entrySet().stream()
            .filter(e -> !held.contains(e.getKey()))
            .mapToDouble(e -> CsvTables.number(t, Columns.FLOPS, e.getValue()))
            .toArray();
    double fitMax = Arrays.stream(fitC).max().orElse(Double.NaN);
    double[] fitX = Arrays.stream(fitC).map(Math::log10).toArray();
    List<BacktestCase> out = new ArrayList<>();
    SamplingRuns fitted = null;
    for (String run : held) {
      Target pseudo = Target.ofRow(t, finals.get(run));
      double d = Math.log10(pseudo.flops() / fitMax);
      double h = Conformal.leverage(fitX, Math.log10(pseudo.flops()));
      List<TargetPredictor.Attempt> attempts;
      try {
        fitted =
            fitted == null
                ? new SamplingRuns(t, spec, rest, pseudo, warm, refits)
                : fitted.withTarget(pseudo);
        attempts = TargetPredictor.predictAt(t, fitted);
      } catch (InputException e) {
        continue; // too few runs left for some law: that case is not measured
      }
      for (TargetPredictor.Attempt a : attempts) {
        PredictionRow p = a.row();
        if (p.predicted() != null && p.actual() != null) {
          out.add(
              new BacktestCase(
                  p.quantity(), p.method(), p.kind(), run, depth, d, p.predicted(), p.actual(), h));
        }
      }
    }
    return out;
  }

  /**
   * The held-out runs of each backtest depth, by a label; identical splits once, and none that
   * leaves fewer than {@link BacktestSpec#MIN_FIT_RUNS} runs to fit.
   */
  static Map<String, Set<String>> splits(
      Table t, BacktestSpec spec, Map<String, Integer> finals, double targetDistance) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    Set<Set<String>> seen = new java.util.HashSet<>();
    if (spec.holdout() == BacktestSpec.Holdout.COMPUTE_QUANTILE) {
      double[] c =
          finals.values().stream()
              .mapToDouble(r -> CsvTables.number(t, Columns.FLOPS, r))
              .toArray();
      double[] sorted = c.clone();
      Arrays.sort(sorted);
      for (double q : spec.quantilesAt(targetDistance)) {
        if (sorted.length == 0) {
          break;
        }
        double cut = sorted[(int) Math.floor(q * (sorted.length - 1))];
        Set<String> held = new LinkedHashSet<>();
        finals.forEach(
            (run, r) -> {
              if (CsvTables.number(t, Columns.FLOPS, r) > cut) {
                held.add(run);
              }
            });
        add(out, seen, String.format(Locale.ROOT, "compute > q%.2f", q), held, finals.size());
      }
    } else {
      if (!t.columnNames().contains(Columns.N_PARAMS)) {
        throw new InputException(
            "backtest: holdout largest_size needs the " + Columns.N_PARAMS + " column");
      }
      TreeSet<Double> sizes = new TreeSet<>();
      finals.values().forEach(r -> sizes.add(CsvTables.number(t, Columns.N_PARAMS, r)));
      List<Double> desc = new ArrayList<>(sizes.descendingSet());
      for (int k = 1; k <= Math.min(spec.sizes(), desc.size()); k++) {
        double smallestHeld = desc.get(k - 1);
        Set<String> held = new LinkedHashSet<>();
        finals.forEach(
            (run, r) -> {
              if (CsvTables.number(t, Columns.N_PARAMS, r) >= smallestHeld) {
                held.add(run);
              }
            });
        add(out, seen, "largest " + k + " size" + (k > 1 ? "s" : ""), held, finals.size());
      }
    }
    return out;
  }

  private static void add(
      Map<String, Set<String>> out,
      Set<Set<String>> seen,
      String label,
      Set<String> held,
      int runs) {
    if (!held.isEmpty() && runs - held.size() >= BacktestSpec.MIN_FIT_RUNS && seen.add(held)) {
      out.put(label, held);
    }
  }
}
