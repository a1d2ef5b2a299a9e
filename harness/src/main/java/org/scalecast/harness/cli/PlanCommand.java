package org.scalecast.harness.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scalecast.harness.data.Datasets;
import org.scalecast.harness.eval.Task;
import org.scalecast.harness.sweep.CostModel;
import org.scalecast.harness.sweep.EvalSettings;
import org.scalecast.harness.sweep.RunSpec;
import org.scalecast.harness.sweep.SweepConfig;
import org.scalecast.harness.sweep.SweepPlan;
import org.scalecast.harness.sweep.SweepRunner;
import org.scalecast.harness.sweep.Sweeps;
import org.scalecast.harness.train.StepTimer;
import org.scalecast.results.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sweep plan}: the grid and its estimated wall time, before anything trains. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Print the sweep's runs (N, D, C, tokens per parameter, checkpoints) and an estimated wall",
      "time per run and in total on this device, from timing a few training steps (random tokens)",
      "and one checkpoint evaluation (the sweep's data and tasks) of the smallest, a middle and",
      "the largest model."
    })
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "CONFIG", description = "Sweep YAML file.")
  Path config;

  @Mixin Overrides overrides;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "PyTorch intra-op threads, as the sweep will use (default: one per core).")
  Integer threads;

  @Option(
      names = "--calibration-steps",
      defaultValue = "20",
      description = "Timed steps per calibrated model (default: ${DEFAULT-VALUE}).")
  int calibrationSteps;

  @Option(names = "--no-calibrate", description = "Print the grid only, without time estimates.")
  boolean noCalibrate;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description =
          "Data cache (default: $SCALECAST_CACHE or ~/.cache/scalecast); the calibration prepares"
              + " the data as sweep run would, to time a real checkpoint evaluation.")
  Path cacheDir;

  @Override
  public Integer call() {
    SweepConfig cfg = Sweeps.load(config, overrides.sets);
    SweepCommand.engineThreads(threads);
    if (calibrationSteps < 1) {
      throw new InputException("--calibration-steps must be >= 1, got " + calibrationSteps);
    }
    List<SweepPlan.Row> rows = SweepPlan.rows(cfg);
    PrintWriter out = spec.commandLine().getOut();
    CostModel cost = noCalibrate ? null : calibrate(cfg, rows, Devices.parse(device), out);
    print(cfg, rows, cost, out);
    return 0;
  }

  /**
   * Times the smallest, a middle and the largest distinct step of the sweep, and a checkpoint's
   * evaluation of each on the sweep's data; fits the lines.
   */
  private CostModel calibrate(
      SweepConfig cfg, List<SweepPlan.Row> rows, Device d, PrintWriter out) {
    List<SweepPlan.Row> timed = chosen(rows);
    Datasets.Prepared data =
        Datasets.prepare(
            cfg.data().domains(), cfg.data().tokenizer(), SweepCommand.cache(cacheDir));
    List<Task> tasks = SweepRunner.tasks(cfg.eval(), data);
    // Untimed first: a cold JVM interprets DJL's Java side for the first few hundred steps, which
    // made the first model timed look slower per step than its runs (issue 14 measurements).
    time(timed.get(0), data, tasks, 2 * calibrationSteps, d);
    List<CostModel.Point> steps = new ArrayList<>();
    List<CostModel.Point> evals = new ArrayList<>();
    for (SweepPlan.Row r : timed) {
      RunSpec s = r.spec();
      StepTimer.Timing t = time(r, data, tasks, calibrationSteps, d);
      steps.add(new CostModel.Point(microFlops(s), t.stepSeconds() / s.train().microBatches()));
      evals.add(new CostModel.Point(r.evalFlops(), t.evalSeconds()));
      out.printf(
          Locale.ROOT,
          "calibration: %s, batch %d: %.1f ms per step, %.2f s per checkpoint evaluation%n",
          s.size(),
          s.train().batchSize(),
          1e3 * t.stepSeconds(),
          t.evalSeconds());
    }
    CostModel c = CostModel.fit(steps, evals);
    out.printf(
        Locale.ROOT,
        "fit: step = %.2f ms + FLOPs / %.1f GFLOP/s; checkpoint = %.2f s + FLOPs / %.1f GFLOP/s"
            + " (device %s)%n%n",
        1e3 * c.stepOverhead(),
        gflops(c.stepSecondsPerFlop()),
        c.evalOverhead(),
        gflops(c.evalSecondsPerFlop()),
        d);
    return c;
  }

  private StepTimer.Timing time(
      SweepPlan.Row r, Datasets.Prepared data, List<Task> tasks, int n, Device d) {
    RunSpec s = r.spec();
    EvalSettings e = s.eval();
    return StepTimer.time(
        s.model(),
        s.train().batchSize(),
        s.train().microBatches(),
        n,
        new StepTimer.Evaluation(
            data, tasks, s.model().contextLength(), e.windows(), e.batchSize(), s.mixture()),
        d);
  }

  /** The smallest, a middle and the largest distinct micro-batch of the grid, by FLOPs. */
  private static List<SweepPlan.Row> chosen(List<SweepPlan.Row> rows) {
    List<SweepPlan.Row> distinct = new ArrayList<>();
    rows.stream()
        .sorted(Comparator.comparingDouble(r -> microFlops(r.spec())))
        .forEach(
            r -> {
              if (distinct.isEmpty()
                  || microFlops(distinct.get(distinct.size() - 1).spec()) < microFlops(r.spec())) {
                distinct.add(r);
              }
            });
    List<SweepPlan.Row> timed = new ArrayList<>(List.of(distinct.get(0)));
    if (distinct.size() > 2) {
      timed.add(distinct.get(distinct.size() / 2));
    }
    if (distinct.size() > 1) {
      timed.add(distinct.get(distinct.size() - 1));
    }
    return timed;
  }

  private static double gflops(double secondsPerFlop) {
    return secondsPerFlop > 0 ? 1e-9 / secondsPerFlop : Double.POSITIVE_INFINITY;
  }

  private static double microFlops(RunSpec s) {
    return SweepPlan.stepFlops(s.model(), s.train().batchSize() / s.train().microBatches());
  }

  private static void print(
      SweepConfig cfg, List<SweepPlan.Row> rows, CostModel cost, PrintWriter out) {
    out.printf(
        "%-48s %-8s %10s %10s %12s %9s %6s %7s %6s %8s %5s %9s%n",
        "run",
        "role",
        "N",
        "N total",
        "D",
        "C",
        "D/N",
        "steps",
        "batch",
        "lr",
        "ckpts",
        cost == null ? "" : "est. s");
    double total = 0;
    for (SweepPlan.Row r : rows) {
      RunSpec s = r.spec();
      double sec = cost == null ? Double.NaN : r.seconds(cost);
      total += sec;
      out.printf(
          Locale.ROOT,
          "%-48s %-8s %,10d %,10d %,12d %9.3g %6.1f %7d %6s %8.2g %5d %9s%n",
          s.runId(),
          s.role().key(),
          r.nParams(),
          r.nTotal(),
          s.tokenBudget(),
          r.flops(),
          r.tokensPerParam(),
          s.steps(),
          s.train().batchSize()
              + (s.train().microBatches() > 1 ? "/" + s.train().microBatches() : ""),
          s.train().lr(),
          r.checkpoints(),
          cost == null ? "" : String.format(Locale.ROOT, "%.0f", sec));
    }
    out.printf(
        Locale.ROOT,
        "%n%s: %d runs, %.3g FLOPs (6ND)%s%n",
        cfg.name(),
        rows.size(),
        rows.stream().mapToDouble(SweepPlan.Row::flops).sum(),
        cost == null
            ? ""
            : String.format(
                Locale.ROOT,
                ", estimated %.1f minutes one run at a time on this device (training and"
                    + " evaluation; not the data preparation of a cold cache)",
                total / 60));
  }
}
