package org.scalecast.harness.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scalecast.harness.sweep.CostModel;
import org.scalecast.harness.sweep.RunSpec;
import org.scalecast.harness.sweep.SweepConfig;
import org.scalecast.harness.sweep.SweepPlan;
import org.scalecast.harness.sweep.Sweeps;
import org.scalecast.harness.train.StepTimer;
import org.scalecast.results.InputException;
import picocli.CommandLine.Command;
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
      "time per run and in total on this device, from timing a few training steps and evaluation",
      "passes of the smallest, a middle and the largest model (random tokens; no data needed)."
    })
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "CONFIG", description = "Sweep YAML file.")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY.PATH=VALUE",
      description = "Override a config key (repeatable), as for sweep run.")
  List<String> sets = new ArrayList<>();

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

  @Override
  public Integer call() {
    SweepConfig cfg = Sweeps.load(config, sets);
    if (threads != null) {
      if (threads < 1) {
        throw new InputException("--threads must be >= 1, got " + threads);
      }
      System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    if (calibrationSteps < 1) {
      throw new InputException("--calibration-steps must be >= 1, got " + calibrationSteps);
    }
    List<SweepPlan.Row> rows = SweepPlan.rows(cfg);
    PrintWriter out = spec.commandLine().getOut();
    CostModel cost = noCalibrate ? null : calibrate(rows, Devices.parse(device), out);
    print(cfg, rows, cost, out);
    return 0;
  }

  /** Times the smallest, a middle and the largest distinct step of the sweep; fits the lines. */
  private CostModel calibrate(List<SweepPlan.Row> rows, Device d, PrintWriter out) {
    List<RunSpec> distinct = new ArrayList<>();
    rows.stream()
        .map(SweepPlan.Row::spec)
        .sorted(Comparator.comparingDouble(PlanCommand::microFlops))
        .forEach(
            s -> {
              if (distinct.isEmpty()
                  || microFlops(distinct.get(distinct.size() - 1)) < microFlops(s)) {
                distinct.add(s);
              }
            });
    List<RunSpec> timed = new ArrayList<>(List.of(distinct.get(0)));
    if (distinct.size() > 2) {
      timed.add(distinct.get(distinct.size() / 2));
    }
    if (distinct.size() > 1) {
      timed.add(distinct.get(distinct.size() - 1));
    }
    List<CostModel.Point> steps = new ArrayList<>();
    List<CostModel.Point> forwards = new ArrayList<>();
    for (RunSpec s : timed) {
      int k = s.train().microBatches();
      StepTimer.Timing t =
          StepTimer.time(
              s.model(), s.train().batchSize(), k, s.eval().batchSize(), calibrationSteps, d);
      steps.add(new CostModel.Point(microFlops(s), t.stepSeconds() / k));
      double fwd = SweepPlan.forwardFlops(s.model(), s.eval().batchSize());
      forwards.add(new CostModel.Point(fwd, t.forwardSeconds()));
      out.printf(
          Locale.ROOT,
          "calibration: %s, batch %d: %.1f ms per step, %.1f ms per evaluation pass%n",
          s.size(),
          s.train().batchSize(),
          1e3 * t.stepSeconds(),
          1e3 * t.forwardSeconds());
    }
    CostModel c = CostModel.fit(steps, forwards);
    out.printf(
        Locale.ROOT,
        "fit: step = %.2f ms + FLOPs / %.1f GFLOP/s; evaluation pass = %.2f ms + FLOPs / %.1f"
            + " GFLOP/s (device %s)%n%n",
        1e3 * c.stepOverhead(),
        gflops(c.stepSecondsPerFlop()),
        1e3 * c.forwardOverhead(),
        gflops(c.forwardSecondsPerFlop()),
        d);
    return c;
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
