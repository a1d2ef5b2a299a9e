package org.scalecast.harness.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.fit.flpm.MixturePoint;
import org.scalecast.fit.flpm.MixturePredictor;
import org.scalecast.harness.sweep.SweepConfig;
import org.scalecast.harness.sweep.SweepRunner;
import org.scalecast.harness.sweep.Sweeps;
import org.scalecast.models.Flops;
import org.scalecast.models.GptConfig;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.ResultsTable;
import tech.tablesaw.api.Table;

/**
 * {@code mixture optimize --verify}: trains the predicted best share and two others at the budget,
 * as the paper validates its choice, and sets FLP-M's predictions beside what they measured.
 */
final class MixtureVerify {
  private MixtureVerify() {}

  /**
   * @param r the share
   * @param predicted FLP-M at the run's actual compute
   * @param actual quantity -> the run's final value
   * @param actualObjective the measured mean chance-normalised score
   */
  record Outcome(
      double r, MixturePoint predicted, Map<String, Double> actual, double actualObjective)
      implements org.scalecast.harness.report.MixtureFigure.Measured {}

  static List<Outcome> run(
      MixtureCommand.Optimize o,
      MixturePredictor p,
      MixturePoint best,
      double[] grid,
      PrintWriter err)
      throws Exception {
    SweepConfig base = Sweeps.load(o.sweepFile());
    if (base.data().domains().size() != 2 || !base.data().domains().containsKey(o.domain())) {
      throw new InputException(
          o.sweepFile() + ": --verify needs two domains, one of them '" + o.domain() + "'");
    }
    double[] shares = shares(best.r(), grid);
    SweepConfig cfg = verifySweep(base, o, shares);
    new SweepRunner(o.runsDir(), SweepCommand.cache(null), Devices.parse("cpu"), 1, err)
        .run(cfg, o.sweepFile(), null, null);
    Table t = ResultsTable.collect(o.runsDir());
    java.util.Set<String> ours =
        Sweeps.expand(cfg).stream()
            .map(org.scalecast.harness.sweep.RunSpec::runId)
            .collect(java.util.stream.Collectors.toSet());
    List<Outcome> out = new ArrayList<>();
    for (double r : shares) {
      out.add(outcome(t, p, r, "mix_" + o.domain(), ours));
    }
    return out;
  }

  /** The best share and the grid's ends, or its middle when the best is an end. */
  static double[] shares(double best, double[] grid) {
    double lo = grid[0];
    double hi = grid[grid.length - 1];
    double mid = grid[grid.length / 2];
    if (best == lo) {
      return new double[] {best, mid, hi};
    }
    if (best == hi) {
      return new double[] {lo, mid, best};
    }
    return new double[] {lo, best, hi};
  }

  private static SweepConfig verifySweep(
      SweepConfig base, MixtureCommand.Optimize o, double[] shares) {
    SweepConfig.ModelShape shape = new SweepConfig.ModelShape(o.model(), null, null, null);
    GptConfig m = Sweeps.model(base, shape);
    long tokens = Math.round(o.budget() / Flops.perToken(m, Flops.Convention.SIX_N));
    String other =
        base.data().domains().keySet().stream()
            .filter(d -> !d.equals(o.domain()))
            .findFirst()
            .orElseThrow();
    List<Map<String, Double>> mixes = new ArrayList<>();
    for (double r : shares) {
      Map<String, Double> mix = new LinkedHashMap<>();
      mix.put(other, 1 - r);
      mix.put(o.domain(), r);
      mixes.add(mix);
    }
    return new SweepConfig(
        base.name() + "-verify",
        base.seeds().subList(0, 1),
        base.data(),
        List.of(shape),
        base.contextLength(),
        base.head(),
        List.of(new SweepConfig.Budget(tokens, null)),
        mixes,
        base.train(),
        base.eval(),
        null);
  }

  private static Outcome outcome(
      Table t, MixturePredictor p, double r, String share, java.util.Set<String> ours) {
    for (int row = 0; row < t.rowCount(); row++) {
      if (ours.contains(t.column("run_id").getString(row)) // not an older run in the same folder
          && CsvTables.number(t, "is_final", row) == 1
          && Math.abs(CsvTables.number(t, share, row) - r) < 1e-9) {
        MixturePoint pred = MixturePoint.at(p, CsvTables.number(t, "flops", row), r);
        Map<String, Double> actual = new LinkedHashMap<>();
        double sum = 0;
        for (String l : p.spec().losses()) {
          actual.put(l, CsvTables.number(t, l, row));
        }
        for (PredictSpec.TaskSpec task : p.spec().tasks()) {
          double v = CsvTables.number(t, task.score(), row);
          actual.put(task.score(), v);
          sum += (v - task.chance()) / (1 - task.chance());
        }
        return new Outcome(r, pred, actual, sum / Math.max(1, p.spec().tasks().size()));
      }
    }
    throw new InputException("verification run at share " + r + " has no final row");
  }
}
