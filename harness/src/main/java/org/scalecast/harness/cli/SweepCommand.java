package org.scalecast.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.scalecast.harness.data.Datasets;
import org.scalecast.harness.sweep.JobsAuto;
import org.scalecast.harness.sweep.RunSpec;
import org.scalecast.harness.sweep.Slurm;
import org.scalecast.harness.sweep.SweepRunner;
import org.scalecast.harness.sweep.Sweeps;
import org.scalecast.harness.train.Precision;
import org.scalecast.harness.train.RunFolder;
import org.scalecast.harness.train.RunStatus;
import org.scalecast.results.InputException;
import org.scalecast.results.ResultsTable;
import org.scalecast.results.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code scalecast sweep}: train a grid of sampling models. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = "Train a grid of sampling models and watch it.",
    subcommands = {
      SweepCommand.Run.class,
      SweepCommand.Submit.class,
      SweepCommand.Status.class,
      PlanCommand.class
    })
public final class SweepCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Sets the engine's thread count from {@code --threads} (sweep run, sweep plan); read by DJL when
   * the engine starts, which has not happened yet in this process.
   *
   * @param threads the option's value, or null for the engine's default
   * @throws InputException when it is below 1
   */
  static void engineThreads(Integer threads) {
    if (threads == null) {
      return;
    }
    if (threads < 1) {
      throw new InputException("--threads must be >= 1, got " + threads);
    }
    System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
  }

  /**
   * A CPU or single-GPU runner for {@code --jobs N|auto}.
   *
   * @param dir the runs folder
   * @param cache the data cache
   * @param device the device
   * @param jobs the option's value: a number >= 1, or auto
   * @param threads {@code --threads}, or null: with auto, runs then take cores / threads at a time
   * @param w where to report
   * @return the runner
   * @throws InputException for a bad value, or auto on a GPU
   */
  static SweepRunner jobsRunner(
      Path dir, Path cache, ai.djl.Device device, String jobs, Integer threads, PrintWriter w) {
    if (!"auto".equalsIgnoreCase(jobs)) {
      int n;
      try {
        n = Integer.parseInt(jobs.trim());
      } catch (NumberFormatException e) {
        throw new InputException("--jobs must be a number or auto, got '" + jobs + "'");
      }
      if (n < 1) {
        throw new InputException("--jobs must be >= 1, got " + n);
      }
      return new SweepRunner(dir, cache, device, n, w);
    }
    if (device.isGpu()) {
      throw new InputException(
          "--jobs auto chooses CPU processes and threads; on GPUs give --runs-per-gpu N");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    if (threads != null) { // the threads are given: fill the cores with processes
      int n = Math.max(1, cores / threads);
      w.printf("jobs auto (%d cores, --threads %d): %d at a time%n", cores, threads, n);
      return new SweepRunner(dir, cache, device, n, w);
    }
    return cores == 1
        ? new SweepRunner(dir, cache, device, 1, w)
        : new SweepRunner(dir, cache, device, cores, w).auto(JobsAuto.forCores(cores));
  }

  /**
   * @param given the {@code --cache} option, or null
   * @return it, else $SCALECAST_CACHE, else ~/.cache/scalecast
   */
  static Path cache(Path given) {
    String env = System.getenv("SCALECAST_CACHE");
    Path dir =
        given != null
            ? given
            : env != null
                ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "scalecast");
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      String from = given != null ? "--cache" : env != null ? "$SCALECAST_CACHE" : "the cache";
      throw new InputException(
          from + " " + dir + ": is a file, not a folder (the data cache needs a folder)");
    }
    return dir;
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

    @Mixin JobsOption jobs;

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
        description =
            "PyTorch intra-op threads (default: one per core). Multi-threaded CPU kernels are not"
                + " bitwise reproducible from run to run; --threads 1 is.")
    Integer threads;

    @Option(
        names = "--only",
        paramLabel = "RUN_ID",
        description = "Train only this run of the sweep.")
    String only;

    @Option(
        names = "--devices",
        paramLabel = "all|0,1,...",
        description =
            "GPUs of this node to schedule runs over, one run per GPU at a time, each in its own"
                + " JVM (instead of --device and --jobs).")
    String devices;

    @Option(
        names = "--runs-per-gpu",
        paramLabel = "N",
        description =
            "Runs packed on each GPU at a time, each in its own JVM on that GPU (with --device"
                + " gpu[:N] or --devices; small models leave a GPU mostly idle).")
    Integer runsPerGpu;

    @Option(
        names = "--precision",
        defaultValue = "fp32",
        converter = PrecisionConverter.class,
        description =
            "Matmul precision, fp32 or tf32 (TF32 tensor cores on GPUs; on the CPU tf32 is"
                + " recorded but changes nothing). Recorded in run.json (default:"
                + " ${DEFAULT-VALUE}).")
    Precision precision;

    @Mixin Overrides overrides;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        description =
            "Train only the runs of this role: sampling (to predict a target before training it)"
                + " or target.")
    Role role;

    @Override
    public Integer call() {
      SweepRunner.watchParentIfAsked(spec.commandLine().getErr());
      precision.applyToThisProcess(); // before the engine's first matmul
      var cfg = Sweeps.load(config, overrides.sets);
      engineThreads(threads);
      Path dir = out != null ? out : Path.of("runs", cfg.name());
      PrintWriter w = spec.commandLine().getErr();
      Path cache = cache(cacheDir);
      SweepRunner runner = runner(dir, cache, w).precision(precision);
      runner.withOverrides(overrides.sets);
      Map<String, RunStatus.State> states = runner.run(cfg, config, only, role);
      long failed = count(states, RunStatus.State.FAILED);
      // One run (a child JVM, a Slurm array task) leaves the table to whoever runs the sweep: runs
      // finishing together would otherwise write the same results.csv at once.
      var table = only == null ? ResultsTable.collect(dir) : Table.create("none");
      Path csv = dir.resolve("results.csv");
      if (table.rowCount() > 0) {
        ResultsTable.write(table, csv);
      }
      spec.commandLine()
          .getOut()
          .printf(
              "%d runs: %d done, %d diverged, %d failed%s; runs folder %s%n",
              states.size(),
              count(states, RunStatus.State.DONE),
              count(states, RunStatus.State.DIVERGED),
              failed,
              locked(states),
              dir);
      if (table.rowCount() > 0) {
        spec.commandLine().getOut().printf("results table (%d rows): %s%n", table.rowCount(), csv);
      }
      return failed == 0 ? 0 : 1;
    }

    /** CPU jobs, GPUs one run each, or GPUs packed with --runs-per-gpu runs each. */
    private SweepRunner runner(Path dir, Path cache, PrintWriter w) {
      if (runsPerGpu == null) {
        return devices != null
            ? new SweepRunner(dir, cache, Devices.list(devices), 1, w)
            : jobsRunner(dir, cache, Devices.parse(device), jobs.jobs, threads, w);
      }
      if (runsPerGpu < 1) {
        throw new InputException("--runs-per-gpu must be >= 1, got " + runsPerGpu);
      }
      if (devices == null && !device.startsWith("gpu")) {
        throw new InputException(
            "--runs-per-gpu packs runs on GPUs: give --device gpu[:N] or --devices (on the CPU,"
                + " --jobs runs several at a time)");
      }
      if (!jobs.jobs.equals("1")) {
        throw new InputException(
            "--runs-per-gpu and --jobs: give one (--runs-per-gpu N runs N per GPU)");
      }
      List<ai.djl.Device> gpus =
          devices != null ? Devices.list(devices) : List.of(Devices.parse(device));
      return new SweepRunner(dir, cache, gpus, runsPerGpu, w);
    }
  }

  /** {@code sweep submit}. */
  @Command(
      name = "submit",
      mixinStandardHelpOptions = true,
      description = {
        "Submit the sweep's pending runs to Slurm as one job array (one task per run) that trains",
        "into the shared runs folder. Done runs, and runs Slurm still has queued or running, are",
        "not submitted again; requeued or resubmitted runs resume from their last checkpoint.",
        "The data cache is prepared here first, so the array tasks only read it."
      })
  static final class Submit implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "Sweep YAML file.")
    Path config;

    @Option(
        names = "--slurm",
        required = true,
        description = "Submit to Slurm (the scheduler supported).")
    boolean slurm;

    @Option(
        names = "--out",
        paramLabel = "RUNS_DIR",
        description = "Shared runs folder (default: runs/<name>).")
    Path out;

    @Option(names = "--cache", paramLabel = "DIR", description = "Shared data cache folder.")
    Path cacheDir;

    @Option(names = "--partition", description = "Slurm partition (default: the cluster's).")
    String partition;

    @Option(
        names = "--gpus-per-run",
        defaultValue = "0",
        description = "GPUs per run (default: ${DEFAULT-VALUE}, a CPU run).")
    int gpus;

    @Option(
        names = "--cpus-per-run",
        defaultValue = "1",
        description = "Cores per run, also its threads (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--time", description = "Time limit per run, Slurm's format (e.g. 2:00:00).")
    String time;

    @Option(names = "--mem", description = "Memory per run, Slurm's format (e.g. 8G).")
    String mem;

    @Option(names = "--dry-run", description = "Write the job script, do not submit it.")
    boolean dryRun;

    @Mixin Overrides overrides;

    @Override
    public Integer call() throws Exception {
      var cfg = Sweeps.load(config, overrides.sets);
      Slurm.Options o = new Slurm.Options(partition, gpus, cpus, time, mem);
      Path dir = out != null ? out : Path.of("runs", cfg.name());
      Path cache = cache(cacheDir);
      Files.createDirectories(dir);
      Map<String, String> active = Slurm.activeStates(dir);
      List<String> pending =
          SweepRunner.pending(dir, Sweeps.expand(cfg)).stream()
              .map(RunSpec::runId)
              .filter(id -> !active.containsKey(id))
              .toList();
      PrintWriter w = spec.commandLine().getOut();
      if (pending.isEmpty()) {
        w.printf(
            "nothing to submit: every run of %s is done or in Slurm (%d active)%n",
            config, active.size());
        return 0;
      }
      Datasets.prepare(cfg.data().domains(), cfg.data().tokenizer(), cache);
      Path job = Slurm.writeJob(dir, config, cache, pending, o, overrides.sets);
      if (dryRun) {
        w.printf(
            "%d runs; job script %s (not submitted)%n", pending.size(), job.resolve("job.sbatch"));
        return 0;
      }
      String id = Slurm.submit(job, dir);
      w.printf(
          "submitted %d runs as Slurm job %s (array 0-%d); script %s; runs folder %s%n",
          pending.size(), id, pending.size() - 1, job.resolve("job.sbatch"), dir);
      return 0;
    }
  }

  /** Runs another process was training (issue 11), when there were any. */
  private static String locked(Map<String, RunStatus.State> states) {
    long n = count(states, RunStatus.State.RUNNING);
    return n == 0 ? "" : ", " + n + " skipped (locked by another process)";
  }

  /**
   * @param states run id to state
   * @param state a state
   * @return how many runs ended in it
   */
  static long count(Map<String, RunStatus.State> states, RunStatus.State state) {
    return states.values().stream().filter(state::equals).count();
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
      Map<String, String> slurm = Slurm.activeStates(runs);
      w.printf("%-52s %-12s %8s %16s%n", "run", "state", "progress", "step");
      try (Stream<Path> dirs = Files.list(runs)) {
        for (Path d :
            dirs.filter(p -> Files.isRegularFile(p.resolve(ResultsTable.MANIFEST)))
                .sorted()
                .toList()) {
          RunStatus s = new RunFolder(d).readStatus();
          String state = s.state().key();
          String queued = slurm.get(d.getFileName().toString());
          if (queued != null && s.state() != RunStatus.State.DONE) {
            state = "slurm:" + queued; // its process may live on another node
          } else if (s.state() == RunStatus.State.RUNNING && !alive(s.pid())) {
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
