package org.scalecast.harness.sweep;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.scalecast.harness.data.Datasets;
import org.scalecast.harness.eval.Task;
import org.scalecast.harness.eval.TaskFiles;
import org.scalecast.harness.eval.TaskSuite;
import org.scalecast.harness.train.Precision;
import org.scalecast.harness.train.Progress;
import org.scalecast.harness.train.RunFolder;
import org.scalecast.harness.train.RunLock;
import org.scalecast.harness.train.RunStatus;
import org.scalecast.harness.train.TrainingRun;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.Provenance;
import org.scalecast.results.RecordLog;
import org.scalecast.results.Role;
import org.scalecast.results.RunManifest;

/**
 * Runs a sweep into a runs folder, one folder per run id. Finished and diverged runs are skipped;
 * an interrupted run resumes from its saved state. Runs go one after another, or {@code jobs} at a
 * time; a failing or diverging run is recorded and the sweep goes on.
 */
public final class SweepRunner {
  private final Path out;
  private final Path cache;
  private final Device device;
  private final int jobs;

  /** Device slots free for the next child run. */
  private final DeviceSlots free;

  private Precision precision = Precision.FP32;

  private final PrintWriter log;
  private List<Task> tasks = List.of();
  private List<String> overrides = List.of();
  private Children children;

  /** {@code --jobs auto}: threads per run from its size, and the cores they hold; else null. */
  private JobsAuto auto;

  private Semaphore cores;

  /** Wall seconds of each run this runner trained (a child's include its JVM's start). */
  private final Map<String, Double> seconds = new ConcurrentHashMap<>();

  /**
   * @param out the runs folder
   * @param cache the data cache
   * @param device where to train
   * @param jobs runs at a time
   * @param log where to report
   */
  public SweepRunner(Path out, Path cache, Device device, int jobs, PrintWriter log) {
    this.out = out;
    this.cache = cache;
    this.device = device;
    this.jobs = jobs;
    this.log = log;
    this.free = new DeviceSlots(List.of(device), jobs);
  }

  /**
   * Runs scheduled over GPUs of one node: {@code perGpu} runs per GPU at a time, each in its own
   * JVM on its own device (never DJL's multi-device Trainer, DJL_NOTES.md 1.3).
   *
   * @param out the runs folder
   * @param cache the data cache
   * @param gpus the GPUs to use
   * @param perGpu runs packed on each GPU at a time ({@code --runs-per-gpu})
   * @param log where to report
   */
  public SweepRunner(Path out, Path cache, List<Device> gpus, int perGpu, PrintWriter log) {
    this.out = out;
    this.cache = cache;
    this.device = gpus.get(0);
    this.free = new DeviceSlots(gpus, perGpu);
    this.jobs = free.size();
    this.log = log;
  }

  /**
   * @param p the matmul precision of every run this sweep trains, recorded in run.json and passed
   *     to child processes
   * @return this
   */
  public SweepRunner precision(Precision p) {
    this.precision = p;
    return this;
  }

  /**
   * {@code --jobs auto}: each run gets {@link JobsAuto#threads} threads and holds as many of the
   * rule's cores while it trains, in its own JVM; runs start largest compute first, so that the
   * longest run overlaps the others instead of training alone at the end. Results do not depend on
   * the order (each run's batches are a function of its seed and step).
   *
   * @param rule the rule; its cores must equal this runner's jobs
   * @return this
   */
  public SweepRunner auto(JobsAuto rule) {
    if (rule.jobs() != jobs) {
      throw new IllegalArgumentException("jobs " + jobs + " against the rule's " + rule.jobs());
    }
    this.auto = rule;
    this.cores = new Semaphore(rule.cores(), true); // fair: a large run is not starved
    return this;
  }

  /**
   * @return wall seconds of each run trained so far, by run id (runs skipped are absent)
   */
  public Map<String, Double> seconds() {
    return Map.copyOf(seconds);
  }

  /**
   * @param sets the {@code --set} overrides the config was loaded with: passed on to child
   *     processes and recorded in each run's manifest
   * @return this runner
   */
  public SweepRunner withOverrides(List<String> sets) {
    this.overrides = List.copyOf(sets);
    return this;
  }

  /**
   * @param config the sweep
   * @param configFile its file, for child processes
   * @param only run only this run id, or null for all
   * @param role run only runs of this role, or null for all
   * @return run id to final state
   */
  public Map<String, RunStatus.State> run(
      SweepConfig config, Path configFile, String only, Role role) {
    List<RunSpec> specs = Sweeps.expand(config);
    if (role != null) {
      specs = specs.stream().filter(s -> s.role() == role).toList();
      if (specs.isEmpty()) {
        throw new InputException(configFile + ": no " + role.key() + " runs");
      }
    }
    if (only != null) {
      specs = specs.stream().filter(s -> s.runId().equals(only)).toList();
      if (specs.isEmpty()) {
        throw new InputException(configFile + ": no run with id '" + only + "'");
      }
    }
    writable(out);
    Datasets.Prepared data =
        Datasets.prepare(config.data().domains(), config.data().tokenizer(), cache);
    this.tasks = tasks(config.eval(), data);
    log.printf(
        "sweep %s: %d runs into %s (data %s, tokenizer %s, device %s, %s at a time, %s)%n",
        config.name(),
        specs.size(),
        out,
        data.key().substring(0, 12),
        data.tokenizer().spec(),
        device,
        auto != null ? "up to " + jobs : String.valueOf(jobs),
        precision.key());
    if (auto != null) {
      log.println(auto.describe(specs));
    }
    String note = precision.note(device);
    if (note != null) {
      log.println(note);
    }
    log.flush();
    Map<String, RunStatus.State> states = new LinkedHashMap<>();
    if (jobs == 1) {
      for (int i = 0; i < specs.size(); i++) {
        states.put(
            specs.get(i).runId(),
            runOne(specs.get(i), data, "[" + (i + 1) + "/" + specs.size() + "] "));
      }
      return states;
    }
    // DJL's PyTorch engine allows one gradient collector per process, so parallel runs are
    // separate JVMs (one run per process, as DJL_NOTES.md 1.3 recommends for devices too).
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try (Children c = new Children()) {
      children = c;
      Map<String, Future<RunStatus.State>> futures = new LinkedHashMap<>();
      for (int i : startOrder(specs)) {
        RunSpec s = specs.get(i);
        String label = "[" + (i + 1) + "/" + specs.size() + "] ";
        futures.put(s.runId(), pool.submit(() -> onFreeDevice(s, configFile, label)));
      }
      for (RunSpec s : specs) {
        states.put(s.runId(), futures.get(s.runId()).get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return states;
  }

  /**
   * In a {@code --jobs} child: stops when the parent sweep dies (issue 11).
   *
   * @param err where to say why
   */
  public static void watchParentIfAsked(PrintWriter err) {
    Children.watchParentIfAsked(err);
  }

  /**
   * The runs still to train: not finished ({@link RunStatus.State#finished()}, the one place the
   * pending-run rule is written). A sweep skips the others; a submission leaves them out.
   *
   * @param out the runs folder
   * @param specs the sweep's runs
   * @return those to train, in order
   */
  public static List<RunSpec> pending(Path out, List<RunSpec> specs) {
    return specs.stream()
        .filter(s -> !new RunFolder(out.resolve(s.runId())).readStatus().state().finished())
        .toList();
  }

  /** Finished runs are skipped; returns their state, or null for a run to train. */
  private RunStatus.State finished(RunFolder folder, RunSpec spec, String label) {
    RunStatus.State state = folder.readStatus().state();
    if (state.finished()) {
      log.printf("%s%s: %s, skipped%n", label, spec.runId(), state);
      return state;
    }
    return null;
  }

  /** Indices of the runs in the order they start: the sweep's, or largest compute first. */
  private List<Integer> startOrder(List<RunSpec> specs) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      order.add(i);
    }
    if (auto != null) { // stable: equal runs keep the sweep's order
      order.sort(
          java.util.Comparator.comparingDouble(
                  (Integer i) ->
                      org.scalecast.models.Flops.training(
                          specs.get(i).model(),
                          org.scalecast.models.Flops.Convention.SIX_N_ATTENTION,
                          specs.get(i).tokenBudget()))
              .reversed());
    }
    return order;
  }

  private RunStatus.State onFreeDevice(RunSpec spec, Path configFile, String label)
      throws IOException, InterruptedException {
    int held = auto != null ? auto.threads(spec.model()) : 0;
    if (held > 0) {
      cores.acquire(held);
    }
    try {
      Device d = free.take();
      try {
        return runChild(spec, configFile, label, d, held);
      } finally {
        free.release(d);
      }
    } finally {
      if (held > 0) {
        cores.release(held);
      }
    }
  }

  /** Says that another process trains the run; returns its state for the sweep's tally. */
  private RunStatus.State locked(RunFolder folder, RunSpec spec, String label) {
    log.printf(
        "%s%s: locked by process %s (another sweep or task is training it), skipped%n",
        label, spec.runId(), RunLock.holder(folder.dir()));
    log.flush();
    return RunStatus.State.RUNNING;
  }

  private RunStatus.State runChild(
      RunSpec spec, Path configFile, String label, Device device, int autoThreads)
      throws IOException, InterruptedException {
    RunFolder folder = new RunFolder(out.resolve(spec.runId()));
    RunStatus.State finished = finished(folder, spec, label);
    if (finished != null) {
      return finished;
    }
    // A probe only: the child takes the lock itself. Without it a child started for a locked run
    // would append its skip line to the other trainer's log.
    if (RunLock.held(folder.dir())) {
      return locked(folder, spec, label);
    }
    Files.createDirectories(folder.dir());
    int threads =
        autoThreads > 0
            ? autoThreads
            : Integer.getInteger(
                "ai.djl.pytorch.num_threads",
                Math.max(1, Runtime.getRuntime().availableProcessors() / jobs));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.scalecast.harness.Main",
                "sweep",
                "run",
                configFile.toString(),
                "--out",
                out.toString(),
                "--cache",
                cache.toString(),
                "--device",
                device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu",
                "--threads",
                String.valueOf(threads),
                "--precision",
                precision.key(),
                "--only",
                spec.runId()));
    overrides.forEach(o -> cmd.addAll(List.of("--set", o))); // the child loads the same config
    long t0 = System.nanoTime();
    // Appended, not replaced: a resumed run's log keeps its earlier segments.
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(folder.dir().resolve("train.log").toFile()));
    precision.export(pb.environment()); // set before the child's JVM starts, not by setenv
    Process p = children.start(pb);
    int code = p.waitFor();
    children.ended(p);
    RunStatus status = folder.readStatus();
    RunStatus.State state = code == 0 ? status.state() : RunStatus.State.FAILED;
    if (code == 0 && state == RunStatus.State.RUNNING) {
      return locked(folder, spec, label); // the child found it locked after the probe
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    seconds.put(spec.runId(), wall);
    log.printf(
        "%s%s: %s in %.1f s%s%s (log %s)%n",
        label,
        spec.runId(),
        state,
        wall,
        device.isGpu() ? " on gpu:" + device.getDeviceId() : "",
        state == RunStatus.State.DONE ? "" : " (" + status.message() + ")",
        folder.dir().resolve("train.log"));
    log.flush();
    return state;
  }

  private RunStatus.State runOne(RunSpec spec, Datasets.Prepared data, String label) {
    RunFolder folder = new RunFolder(out.resolve(spec.runId()));
    RunStatus.State finished = finished(folder, spec, label);
    if (finished != null) {
      return finished;
    }
    // One process at a time trains a run (issue 11); the OS drops the lock if this one dies.
    try (RunLock lock = RunLock.tryAcquire(folder.dir())) {
      if (lock == null) {
        return locked(folder, spec, label);
      }
      finished = finished(folder, spec, label); // the holder may have finished it meanwhile
      return finished != null ? finished : train(spec, data, folder, label);
    } catch (IOException e) {
      return failed(folder, spec, label, e);
    }
  }

  private RunStatus.State train(
      RunSpec spec, Datasets.Prepared data, RunFolder folder, String label) {
    String unreadable = folder.readStatus().message();
    if (!unreadable.isEmpty()) {
      log.printf("%s%s: %s%n", label, spec.runId(), unreadable);
    }
    try {
      String changed = changedData(folder, data);
      if (changed != null) {
        return failed(folder, spec, label, new InputException(changed));
      }
      folder.writeManifest(manifest(spec, data, folder, label));
      long t0 = System.nanoTime();
      Progress bar = new ProgressBar(log, label);
      TrainingRun.Outcome o =
          new TrainingRun(spec.plan(), data, folder, device, bar, tasks).execute();
      if (device.isGpu()) {
        ai.djl.pytorch.jni.JniUtils.emptyCudaCache(); // the next run starts with a clean GPU
      }
      RunStatus.State state =
          o == TrainingRun.Outcome.DONE ? RunStatus.State.DONE : RunStatus.State.DIVERGED;
      double wall = (System.nanoTime() - t0) / 1e9;
      seconds.put(spec.runId(), wall);
      log.printf(
          "%s%s: %s in %.1f s%s%n",
          label,
          spec.runId(),
          state,
          wall,
          state == RunStatus.State.DIVERGED ? " (" + folder.readStatus().message() + ")" : "");
      log.flush();
      return state;
    } catch (IOException | RuntimeException e) {
      return failed(folder, spec, label, e);
    }
  }

  /**
   * Why a run that has trained cannot resume on this data, or null. Its records and state came from
   * the data its manifest names; continuing on other data would mix the two in one curve without a
   * word (the twenty-sixth session's fault suite, while the smoke sweep's code folder was edited).
   */
  static String changedData(RunFolder folder, Datasets.Prepared data) {
    if (!folder.hasProgress() || !Files.exists(folder.dir().resolve(RunManifest.FILE))) {
      return null;
    }
    String before;
    try {
      before = folder.readManifest().dataKey();
    } catch (InputException e) {
      return null; // unreadable: rewritten from the config, as manifest() says
    }
    if (before == null || before.equals(data.key())) {
      return null;
    }
    return "its data changed since it started (data "
        + before.substring(0, Math.min(12, before.length()))
        + " then, "
        + data.key().substring(0, 12)
        + " now): restore the data it started on, train into another --out, or delete "
        + folder.dir()
        + " to train it again; its records are kept";
  }

  /** Records a failure in the run's status (issue 11: a full disk was not) and says it. */
  private RunStatus.State failed(RunFolder folder, RunSpec spec, String label, Exception e) {
    try {
      folder.writeStatus(
          RunStatus.State.FAILED, folder.readStatus().step(), spec.steps(), CsvTables.oneLine(e));
    } catch (IOException ignored) {
      // the status could not be written either; the log line below still says what happened
    }
    if (System.getenv("SCALECAST_DEBUG") != null) {
      e.printStackTrace(log);
    }
    log.printf("%s%s: failed: %s%n", label, spec.runId(), CsvTables.oneLine(e));
    log.flush();
    return RunStatus.State.FAILED;
  }

  /**
   * The sweep's downstream tasks: built-in ones from the test documents (seed 0, so every run and
   * every sweep over the same data scores the same items) and the config's JSONL files.
   *
   * @param eval the evaluation settings
   * @param data the prepared data
   * @return the tasks
   */
  public static List<Task> tasks(EvalSettings eval, Datasets.Prepared data) {
    List<Task> t =
        new ArrayList<>(TaskSuite.build(eval.tasks(), data.domains(), eval.taskItems(), 0));
    eval.taskFiles().forEach((name, file) -> t.add(TaskFiles.load(name, Path.of(file))));
    return t;
  }

  /**
   * The manifest, keeping the thread count of earlier segments: a run resumed with another count
   * records both (issue 11: it was overwritten, hiding why results were not bit-identical).
   */
  private RunManifest manifest(
      RunSpec spec, Datasets.Prepared data, RunFolder folder, String label) {
    String now = threadsNow();
    if (!Files.exists(folder.dir().resolve(RunManifest.FILE))) {
      return manifest(spec, data, now, precision.key());
    }
    try {
      RunManifest before = folder.readManifest();
      return manifest(
          spec,
          data,
          threadHistory(before.threads(), now),
          threadHistory(before.precision(), precision.key()));
    } catch (InputException e) {
      log.printf("%s%s: %s; rewritten from the config%n", label, spec.runId(), e.getMessage());
      return manifest(spec, data, now, precision.key());
    }
  }

  /**
   * A setting of a resumed run's segments (threads, precision): a resume with another value records
   * both, since either changes results.
   *
   * @param before run.json's value
   * @param now this process's
   * @return both, when they differ
   */
  static String threadHistory(String before, String now) {
    if (before == null || before.equals(now) || before.endsWith("; resumed with " + now)) {
      return before == null ? now : before;
    }
    return before + "; resumed with " + now;
  }

  /** The engine's intra-op threads, and whether the count was chosen or the default. */
  private static String threadsNow() {
    return TrainingRun.threads()
        + (System.getProperty("ai.djl.pytorch.num_threads") == null ? " (default)" : "");
  }

  private RunManifest manifest(
      RunSpec spec, Datasets.Prepared data, String threads, String precision) {
    return new RunManifest(
        spec.runId(),
        spec.design(),
        RecordLog.JSON.valueToTree(spec),
        data.key(),
        device.toString(),
        Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion(),
        precision,
        threads,
        tasks.stream().map(Task::info).toList(),
        Provenance.capture(),
        overrides);
  }

  private static void writable(Path out) {
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new InputException(
          out + ": cannot create the runs folder (" + CsvTables.oneLine(e) + ")");
    }
    if (!Files.isWritable(out)) {
      throw new InputException(out + ": the runs folder is not writable");
    }
  }
}
