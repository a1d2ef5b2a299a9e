package org.scalecast.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scalecast.fit.io.FitFile;
import org.scalecast.harness.sweep.RunSpec;
import org.scalecast.harness.sweep.RunTiming;
import org.scalecast.harness.sweep.SweepConfig;
import org.scalecast.harness.sweep.SweepRunner;
import org.scalecast.harness.sweep.Sweeps;
import org.scalecast.harness.train.RunFolder;
import org.scalecast.harness.train.RunStatus;
import org.scalecast.results.AtomicFiles;
import org.scalecast.results.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench sweep CONFIG}: trains every run of a sweep through {@code sweep run}'s own runner
 * (the same training loop, checkpoints and evaluations, and {@code --jobs} children) into a
 * temporary folder that is deleted afterwards, and prints where each run's time went.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Train every run of CONFIG as 'sweep run' does, in a temporary folder deleted afterwards, and",
      "print each run's wall time, tokens/s (over the wall time and over its training steps only),",
      "evaluation share and the rest (saving, set-up, a child's JVM start), then the sweep's total."
    })
final class BenchSweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "CONFIG", description = "Sweep YAML file.")
  Path config;

  @Mixin JobsOption jobs;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "PyTorch intra-op threads per run (default: as 'sweep run').")
  Integer threads;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Data cache (default: $SCALECAST_CACHE or ~/.cache/scalecast).")
  Path cacheDir;

  @Option(names = "--role", paramLabel = "ROLE", description = "Time only runs of this role.")
  Role role;

  @Mixin Overrides overrides;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SweepConfig cfg = Sweeps.load(config, overrides.sets);
    SweepCommand.engineThreads(threads);
    PrintWriter err = spec.commandLine().getErr();
    Path tmp = Files.createTempDirectory("scalecast-bench-sweep");
    try {
      SweepRunner runner =
          SweepCommand.jobsRunner(
                  tmp, SweepCommand.cache(cacheDir), ai.djl.Device.cpu(), jobs.jobs, threads, err)
              .withOverrides(overrides.sets);
      long t0 = System.nanoTime();
      Map<String, RunStatus.State> states = runner.run(cfg, config, null, role);
      double total = (System.nanoTime() - t0) / 1e9;
      List<RunTiming> rows = new ArrayList<>();
      for (RunSpec s : Sweeps.expand(cfg)) {
        Double wall = runner.seconds().get(s.runId());
        if (wall != null && states.get(s.runId()) == RunStatus.State.DONE) {
          RunFolder f = new RunFolder(tmp.resolve(s.runId()));
          rows.add(RunTiming.of(s, f.readManifest().threads(), f.records().read(), wall));
        }
      }
      print(rows, states, total);
      return states.values().stream().allMatch(RunStatus.State.DONE::equals) ? 0 : 1;
    } finally {
      deleteQuietly(tmp, err);
    }
  }

  private void print(List<RunTiming> rows, Map<String, RunStatus.State> states, double total)
      throws IOException {
    PrintWriter w = spec.commandLine().getOut();
    double sum = rows.stream().mapToDouble(RunTiming::wallSeconds).sum();
    long tokens = rows.stream().mapToLong(RunTiming::tokens).sum();
    double eval = rows.stream().mapToDouble(RunTiming::evalSeconds).sum();
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("sweep", config.toString());
      o.put("jobs", jobs.jobs);
      o.put("runs", rows);
      o.put("not_done", notDone(states));
      o.put("wall_seconds", total);
      o.put("run_seconds", sum);
      o.put("tokens", tokens);
      o.put("tokens_per_second", tokens / total);
      o.put("eval_share", eval / sum);
      w.println(FitFile.JSON.writeValueAsString(o));
      return;
    }
    String head = "%-46s %-12s %7s %6s %9s %8s %9s %9s %6s %6s%n";
    w.printf(
        Locale.ROOT,
        head,
        "run",
        "model",
        "threads",
        "steps",
        "tokens",
        "wall s",
        "tok/s",
        "train t/s",
        "eval",
        "other");
    for (RunTiming r : rows) {
      w.printf(
          Locale.ROOT,
          "%-46s %-12s %7s %6d %9d %8.1f %9.0f %9.0f %5.1f%% %5.1f%%%n",
          r.runId(),
          r.model(),
          r.threads().replace(" (default)", ""),
          r.steps(),
          r.tokens(),
          r.wallSeconds(),
          r.tokensPerSecond(),
          r.trainTokensPerSecond(),
          100 * r.evalShare(),
          100 * r.otherShare());
    }
    w.printf(
        Locale.ROOT,
        "total: %d runs, %d tokens, %.1f s wall (runs' own walls sum to %.1f s, --jobs %s),"
            + " %.0f tokens/s, evaluation %.1f%% of the runs' time%s%n",
        rows.size(),
        tokens,
        total,
        sum,
        jobs.jobs,
        tokens / total,
        sum > 0 ? 100 * eval / sum : 0,
        notDone(states).isEmpty() ? "" : "; not done: " + notDone(states));
  }

  private static Map<String, String> notDone(Map<String, RunStatus.State> states) {
    Map<String, String> out = new LinkedHashMap<>();
    states.forEach(
        (id, s) -> {
          if (s != RunStatus.State.DONE) {
            out.put(id, s.key());
          }
        });
    return out;
  }

  private static void deleteQuietly(Path dir, PrintWriter err) {
    try {
      AtomicFiles.deleteTree(dir);
    } catch (IOException e) {
      err.println("scalecast: could not delete the temporary runs folder " + dir + ": " + e);
    }
  }
}
