package org.scalecast.harness.mixture;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
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
import org.scalecast.results.Chance;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.ResultsTable;
import tech.tablesaw.api.Table;

/**
 * The workflow behind {@code mixture optimize --verify}: trains the predicted best share and two
 * others at the budget, as the paper validates its choice, and sets FLP-M's predictions beside what
 * they measured.
 */
public final class MixtureVerification {
  private MixtureVerification() {}

  /**
   * What to verify.
   *
   * @param sweepFile the mixture sweep whose data, shape settings and training settings it reuses
   * @param domain the domain whose share is r
   * @param model the model size to train
   * @param budget training FLOPs per run
   * @param runsDir where the verification runs go
   * @param cache the data cache
   */
  public record Request(
      Path sweepFile, String domain, String model, double budget, Path runsDir, Path cache) {}

  /**
   * @param r the share
   * @param predicted FLP-M at the run's actual compute
   * @param actual quantity -> the run's final value
   * @param actualObjective the measured mean chance-normalised score
   */
  public record Outcome(
      double r, MixturePoint predicted, Map<String, Double> actual, double actualObjective)
      implements org.scalecast.harness.report.MixtureFigure.Measured {}

  /**
   * Trains the verification runs (finished ones are skipped) and reads their final rows.
   *
   * @param o what to verify
   * @param p the fitted FLP-M
   * @param best its best share at the budget
   * @param grid the shares it searched
   * @param log where training reports
   * @return one outcome per trained share
   */
  public static List<Outcome> run(
      Request o, MixturePredictor p, MixturePoint best, double[] grid, PrintWriter log) {
    SweepConfig base = Sweeps.load(o.sweepFile());
    if (base.data().domains().size() != 2 || !base.data().domains().containsKey(o.domain())) {
      throw new InputException(
          o.sweepFile() + ": --verify needs two domains, one of them '" + o.domain() + "'");
    }
    double[] shares = shares(best.r(), grid);
    SweepConfig cfg = verifySweep(base, o, shares);
    new SweepRunner(o.runsDir(), o.cache(), Device.cpu(), 1, log)
        .run(cfg, o.sweepFile(), null, null);
    Table t = ResultsTable.collect(o.runsDir());
    java.util.Set<String> ours =
        Sweeps.expand(cfg).stream()
            .map(org.scalecast.harness.sweep.RunSpec::runId)
            .collect(java.util.stream.Collectors.toSet());
    List<Outcome> out = new ArrayList<>();
    for (double r : shares) {
      out.add(outcome(t, p, r, Columns.mixShare(o.domain()), ours));
    }
    return out;
  }

  /** The best share and the grid's ends, or its middle when the best is an end. */
  public static double[] shares(double best, double[] grid) {
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

  private static SweepConfig verifySweep(SweepConfig base, Request o, double[] shares) {
    SweepConfig.ModelShape shape = SweepConfig.ModelShape.named(o.model());
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
        List.of(SweepConfig.Budget.ofTokens(tokens)),
        mixes,
        base.train(),
        base.eval(),
        null);
  }

  private static Outcome outcome(
      Table t, MixturePredictor p, double r, String share, java.util.Set<String> ours) {
    for (int row = 0; row < t.rowCount(); row++) {
      if (ours.contains(t.column(Columns.RUN_ID).getString(row)) // not an older run here
          && CsvTables.number(t, Columns.IS_FINAL, row) == 1
          && Math.abs(CsvTables.number(t, share, row) - r) < 1e-9) {
        MixturePoint pred = MixturePoint.at(p, CsvTables.number(t, Columns.FLOPS, row), r);
        Map<String, Double> actual = new LinkedHashMap<>();
        double sum = 0;
        for (String l : p.spec().losses()) {
          actual.put(l, CsvTables.number(t, l, row));
        }
        for (PredictSpec.TaskSpec task : p.spec().tasks()) {
          double v = CsvTables.number(t, task.score(), row);
          actual.put(task.score(), v);
          sum += Chance.normalise(v, task.chance());
        }
        return new Outcome(r, pred, actual, sum / Math.max(1, p.spec().tasks().size()));
      }
    }
    throw new InputException("verification run at share " + r + " has no final row");
  }
}
