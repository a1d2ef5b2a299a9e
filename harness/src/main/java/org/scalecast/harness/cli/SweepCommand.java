package org.scalecast.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.scalecast.harness.sweep.Role;
import org.scalecast.harness.sweep.SweepRunner;
import org.scalecast.harness.sweep.Sweeps;
import org.scalecast.harness.train.RunFolder;
import org.scalecast.harness.train.RunStatus;
import org.scalecast.results.InputException;
import org.scalecast.results.ResultsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scalecast sweep}: train a grid of sampling models. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = "Train a grid of sampling models and watch it.",
    subcommands = {SweepCommand.Run.class, SweepCommand.Status.class})
public final class SweepCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Default data cache: $SCALECAST_CACHE, else ~/.cache/scalecast. */
  static Path cache() {
    String env = System.getenv("SCALECAST_CACHE");
    return env != null
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "scalecast");
  }

  /** {@code sweep run}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Train every run of CONFIG that is not done; resume interrupted runs.",
        "Exit 0 when every run is done or diverged, 1 when any failed."
      })
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "Sweep YAML file.")
    Path config;

    @Option(
        names = "--out",
        paramLabel = "RUNS_DIR",
        description = "Runs folder (default: runs/<sweep name>).")
    Path out;

    @Option(
        names = "--jobs",
        defaultValue = "1",
        description = "Runs at a time (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(
        names = "--device",
        defaultValue = "cpu",
        description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(
        names = "--cache",
        paramLabel = "DIR",
        description = "Data cache (default: $SCALECAST_CACHE or ~/.cache/scalecast).")
    Path cacheDir;

    @Option(
        names = "--threads",
        paramLabel = "N",
        description = {
          "PyTorch intra-op threads (default: one per core). Multi-threaded CPU kernels are not",
          "bitwise reproducible from run to run; --threads 1 is."
        })
    Integer threads;

    @Option(
        names = "--only",
        paramLabel = "RUN_ID",
        description = "Train only this run of the sweep.")
    String only;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        description =
            "Train only the runs of this role: sampling (to predict a target before training it)"
                + " or target.")
    Role role;

    @Override
    public Integer call() {
      var cfg = Sweeps.load(config);
      if (threads != null) {
        if (threads < 1) {
          throw new InputException("--threads must be >= 1, got " + threads);
        }
        // Read by DJL when the engine starts, which has not happened yet in this process.
        System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
      }
      if (jobs < 1) {
        throw new InputException("--jobs must be >= 1, got " + jobs);
      }
      Path dir = out != null ? out : Path.of("runs", cfg.name());
      PrintWriter w = spec.commandLine().getErr();
      Map<String, String> states =
          new SweepRunner(
                  dir, cacheDir != null ? cacheDir : cache(), Devices.parse(device), jobs, w)
              .run(cfg, config, only, role);
      long failed = states.values().stream().filter(RunStatus.FAILED::equals).count();
      var table = ResultsTable.collect(dir);
      Path csv = dir.resolve("results.csv");
      if (table.rowCount() > 0) {
        ResultsTable.write(table, csv);
      }
      spec.commandLine()
          .getOut()
          .printf(
              "%d runs: %d done, %d diverged, %d failed; runs folder %s%n",
              states.size(),
              states.values().stream().filter(RunStatus.DONE::equals).count(),
              states.values().stream().filter(RunStatus.DIVERGED::equals).count(),
              failed,
              dir);
      if (table.rowCount() > 0) {
        spec.commandLine().getOut().printf("results table (%d rows): %s%n", table.rowCount(), csv);
      }
      return failed == 0 ? 0 : 1;
    }
  }

  /** Whether a process runs; a zombie (killed, not yet reaped) does not. */
  static boolean alive(long pid) {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      return !stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
    } catch (java.io.IOException e) {
      return true; // no /proc: trust ProcessHandle
    }
  }

  /** {@code sweep status}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show each run's state and progress.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUNS_DIR", description = "Runs folder.")
    Path runs;

    @Override
    public Integer call() throws Exception {
      if (!Files.isDirectory(runs)) {
        throw new InputException(runs + ": no such runs folder");
      }
      PrintWriter w = spec.commandLine().getOut();
      w.printf("%-52s %-12s %8s %16s%n", "run", "state", "progress", "step");
      try (Stream<Path> dirs = Files.list(runs)) {
        for (Path d :
            dirs.filter(p -> Files.isRegularFile(p.resolve(ResultsTable.MANIFEST)))
                .sorted()
                .toList()) {
          RunStatus s = new RunFolder(d).readStatus();
          String state = s.state();
          if (state.equals(RunStatus.RUNNING) && !alive(s.pid())) {
            state = "interrupted"; // its process is gone: the next 'sweep run' resumes it
          }
          w.printf(
              "%-52s %-12s %7.1f%% %16s%s%n",
              d.getFileName(),
              state,
              s.steps() == 0 ? 0 : 100.0 * s.step() / s.steps(),
              s.step() + "/" + s.steps(),
              s.message().isEmpty() ? "" : "  " + s.message());
        }
      }
      return 0;
    }
  }
}
