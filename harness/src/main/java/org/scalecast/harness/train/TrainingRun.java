package org.scalecast.harness.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.harness.data.Datasets;
import org.scalecast.harness.data.DomainTokens;
import org.scalecast.harness.eval.Scorer;
import org.scalecast.harness.eval.Task;
import org.scalecast.models.Flops;
import org.scalecast.models.Gpt;
import org.scalecast.results.CheckpointRecord;
import org.scalecast.results.Columns;
import org.scalecast.results.FaultHook;

/**
 * Trains one run from its last saved state (or from scratch) to its token budget, evaluating and
 * saving at the checkpoint schedule. FP32 on one device. Each step is a {@link TrainStep}, whose
 * arrays are freed on return, so native memory stays flat (DJL_NOTES.md 1.5).
 *
 * <p>Dimensions: B batch, T context length, V vocabulary.
 */
public final class TrainingRun {
  private static final Object INIT_LOCK = new Object();

  /**
   * Seconds a checkpoint's evaluation took; a record's extra score, not a column of the results
   * contract ({@code results.Columns}).
   */

  /** Smoothing of the reported training loss. */
  private static final double EMA = 0.95;

  /** How the run ended. */
  public enum Outcome {
    /** Trained to its budget. */
    DONE,
    /** Stopped on a NaN or exploding loss. */
    DIVERGED
  }

  private final TrainPlan plan;
  private final Datasets.Prepared data;
  private final RunFolder folder;
  private final Device device;
  private final Progress progress;
  private final List<Task> tasks;

  /**
   * @param plan the run
   * @param data its tokenized domains
   * @param folder its folder
   * @param device where to train
   * @param progress progress receiver
   * @param tasks downstream tasks scored at every checkpoint
   */
  public TrainingRun(
      TrainPlan plan,
      Datasets.Prepared data,
      RunFolder folder,
      Device device,
      Progress progress,
      List<Task> tasks) {
    this.plan = plan;
    this.data = data;
    this.folder = folder;
    this.device = device;
    this.progress = progress;
    this.tasks = List.copyOf(tasks);
  }

  /**
   * Everything a run holds while it trains: the model and its optimizer, the data and the schedules
   * ({@link #setup}), and the counters each step advances ({@link #step}).
   */
  private static final class Session {
    final NDManager base;
    final Gpt model;
    final AdamW opt;
    final List<String> domains;
    final MixtureSampler sampler;
    final Validation validation;
    final LrSchedule lr;
    final TrainStep trainer;
    final long[] tokens;
    final int[] domainOf;
    final Map<String, Long> byDomain;
    final double wallBefore;
    final long segmentStart;
    double ema;
    double first;
    long step;
    long seen;
    long now;
    double wall;
    double smoothed;
    long lastRecordNanos;
    long lastRecordTokens;

    Session(
        NDManager base,
        Gpt model,
        AdamW opt,
        RunState state,
        List<String> domains,
        MixtureSampler sampler,
        Validation validation,
        LrSchedule lr,
        TrainStep trainer,
        int b,
        int t) {
      this.base = base;
      this.model = model;
      this.opt = opt;
      this.domains = domains;
      this.sampler = sampler;
      this.validation = validation;
      this.lr = lr;
      this.trainer = trainer;
      this.tokens = new long[b * (t + 1)];
      this.domainOf = new int[b];
      this.byDomain = new LinkedHashMap<>(state.tokensByDomain());
      this.ema = state.emaLoss();
      this.first = state.firstLoss();
      this.step = state.step();
      this.wallBefore = state.wallSeconds();
      this.segmentStart = System.nanoTime();
      this.lastRecordNanos = segmentStart;
      this.lastRecordTokens = state.tokens();
    }
  }

  /**
   * @return how the run ended
   */
  public Outcome execute() throws IOException {
    try (NDManager base = NDManager.newBaseManager(device)) {
      Session s = setup(base);
      folder.writeStatus(RunStatus.State.RUNNING, s.step, plan.steps(), "");
      while (s.step < plan.steps()) {
        String why = step(s);
        if (why != null) {
          folder.writeStatus(RunStatus.State.DIVERGED, s.step, plan.steps(), why);
          return Outcome.DIVERGED;
        }
        if (plan.evaluatesAt(s.step)) {
          checkpoint(s);
        }
      }
      // A run resumed at its last step (killed between the final state save and the status
      // write) must still be marked done, or it stays "running" forever (issue 11).
      folder.writeStatus(RunStatus.State.DONE, s.step, plan.steps(), "");
      writeDeviceMemory();
      return Outcome.DONE;
    }
  }

  /** Builds the model (seeded), its optimizer, the data and the schedules, and resumes. */
  private Session setup(NDManager base) throws IOException {
    TrainSettings ts = plan.train();
    int b = ts.batchSize();
    int t = plan.model().contextLength();
    Gpt model = new Gpt(plan.model());
    // The engine's seed is global: runs started side by side (--jobs) must seed and draw their
    // initial weights one at a time, or they would take each other's random numbers.
    synchronized (INIT_LOCK) {
      Engine.getInstance().setRandomSeed((int) plan.seed());
      InitialWeights.draw(model, plan.model(), base);
    }
    for (Pair<String, Parameter> p : model.getParameters()) {
      p.getValue().getArray().setRequiresGradient(true);
    }
    AdamW opt =
        new AdamW(
            model.getParameters(),
            base,
            ts.beta1(),
            ts.beta2(),
            ts.eps(),
            ts.weightDecay(),
            ts.decayPolicy());
    RunState state = resume(model, opt, base);
    List<String> domains = new ArrayList<>(data.domains().keySet());
    MixtureSampler sampler =
        new MixtureSampler(streams(domains), weights(domains), t + 1, plan.seed());
    Validation validation =
        new Validation(
            data.domains(), data.tokenizer(), t, plan.evalWindows(), plan.evalBatchSize());
    LrSchedule lr =
        new LrSchedule(
            ts.schedule(),
            ts.lr(),
            ts.minLrRatio(),
            ts.warmupFor(plan.steps()),
            Math.round(ts.decayFraction() * plan.steps()),
            plan.steps());
    TrainStep trainer = new TrainStep(model, opt, base, b, t, ts.gradClip(), ts.microBatches());
    Session s =
        new Session(base, model, opt, state, domains, sampler, validation, lr, trainer, b, t);
    recomputeMissingCheckpoint(s, state);
    return s;
  }

  /**
   * State ahead of records (a record lost after its state was saved): the saved weights are the
   * checkpoint's, so its record is evaluated again from them (issue 11).
   */
  private void recomputeMissingCheckpoint(Session s, RunState state) throws IOException {
    if (s.step == 0 || !plan.evaluatesAt(s.step)) {
      return;
    }
    List<org.scalecast.results.CheckpointRecord> rs = folder.records().read();
    if (!rs.isEmpty() && rs.get(rs.size() - 1).step() == s.step) {
      return;
    }
    progress.note(plan.runId(), "no record for saved step " + s.step + "; evaluating it again");
    s.seen = state.tokens();
    s.wall = state.wallSeconds();
    s.smoothed = s.ema / (1 - Math.pow(EMA, s.step));
    s.now = System.nanoTime();
    folder.appendRecord(evaluate(s, 0)); // no throughput: no steps were timed
  }

  /**
   * One optimizer step and its counters.
   *
   * @return why the run diverged at this step, or null if it did not
   */
  private String step(Session s) {
    int t = plan.model().contextLength();
    s.step++;
    s.sampler.draw(s.step, plan.train().batchSize(), s.tokens, s.domainOf);
    float loss = s.trainer.run(s.tokens, s.lr.at(s.step));
    if (s.step == 1) {
      s.first = loss;
    }
    String why = divergence(loss, s.first, plan.train().divergenceFactor(), s.trainer, s.step);
    if (why != null) {
      return why;
    }
    s.ema = EMA * s.ema + (1 - EMA) * loss;
    for (int d : s.domainOf) {
      s.byDomain.merge(s.domains.get(d), (long) t, Long::sum);
    }
    s.seen = s.step * plan.tokensPerStep();
    s.now = System.nanoTime();
    s.wall = s.wallBefore + (s.now - s.segmentStart) / 1e9;
    s.smoothed = s.ema / (1 - Math.pow(EMA, s.step));
    return null;
  }

  /** Evaluates, appends the record, saves weights and state, and reports progress. */
  private void checkpoint(Session s) throws IOException {
    double tps = (s.seen - s.lastRecordTokens) / Math.max(1e-9, (s.now - s.lastRecordNanos) / 1e9);
    folder.appendRecord(evaluate(s, tps));
    FaultHook.at("record-appended");
    folder.saveCheckpointWeights(s.model, s.step);
    folder.saveState(
        s.model,
        s.opt,
        new RunState(s.step, s.seen, s.byDomain, s.ema, s.first, s.wall, threads()));
    FaultHook.at("state-saved");
    sampleDeviceMemory();
    folder.writeStatus(
        s.step == plan.steps() ? RunStatus.State.DONE : RunStatus.State.RUNNING,
        s.step,
        plan.steps(),
        "");
    s.lastRecordNanos = System.nanoTime();
    s.lastRecordTokens = s.seen;
    progress.update(
        plan.runId(),
        s.step,
        plan.steps(),
        tps,
        s.smoothed,
        (plan.steps() - s.step) * plan.tokensPerStep() / Math.max(1e-9, tps));
  }

  /** The checkpoint's record: validation losses and task scores at the current step. */
  private CheckpointRecord evaluate(Session s, double tps) {
    long evalStart = System.nanoTime();
    Validation.Result v;
    try (NDManager em = s.base.newSubManager()) {
      v = s.validation.evaluate(s.model, em, plan.mixture());
    }
    Map<String, Double> scores = scoreTasks(s.model, s.base);
    scores.put(Columns.EVAL_SECONDS, (System.nanoTime() - evalStart) / 1e9);
    return record(s.step, s.seen, s.lr.at(s.step), s.smoothed, v, s.byDomain, s.wall, tps, scores);
  }

  /**
   * @return the engine's intra-op threads: CPU results are bit-identical only at one count
   */
  public static int threads() {
    Engine.getInstance(); // loads the native library the count is read from
    return ai.djl.pytorch.jni.JniUtils.getNumThreads();
  }

  private RunState resume(Gpt model, AdamW opt, NDManager base) throws IOException {
    RunState s = folder.loadState(model, opt, base, line -> progress.note(plan.runId(), line));
    if (s == null) {
      folder.clearProgress();
      return new RunState(0, 0, Map.of(), 0, Double.NaN, 0, threads());
    }
    if (s.threads() != null && s.threads() != threads()) {
      progress.note(
          plan.runId(),
          String.format(
              "saved at step %d with %d threads, resumed with %d: no longer bit-identical to an"
                  + " uninterrupted run (issue 11)",
              s.step(), s.threads(), threads()));
    }
    // Records written after the saved state (a kill between the two) are recomputed.
    folder.records().truncateTo(r -> r.step() <= s.step());
    return s;
  }

  private Map<String, Double> scoreTasks(Gpt model, NDManager base) {
    Map<String, Double> scores = new LinkedHashMap<>();
    Scorer scorer =
        new Scorer(data.tokenizer(), plan.model().contextLength(), plan.evalBatchSize());
    for (Task task : tasks) {
      try (NDManager em = base.newSubManager()) {
        scores.putAll(scorer.score(model, em, task).columns());
      }
    }
    return scores;
  }

  private CheckpointRecord record(
      long step,
      long seen,
      double lr,
      double trainLoss,
      Validation.Result v,
      Map<String, Long> byDomain,
      double wall,
      double tps,
      Map<String, Double> scores) {
    return new CheckpointRecord(
        CheckpointRecord.SCHEMA_VERSION,
        plan.runId(),
        step,
        seen,
        (double) seen / plan.tokenBudget(),
        Flops.training(plan.model(), Flops.Convention.SIX_N, seen),
        Flops.training(plan.model(), Flops.Convention.SIX_N_ATTENTION, seen),
        lr,
        trainLoss,
        v.losses(),
        v.bitsPerByte(),
        new LinkedHashMap<>(byDomain),
        scores,
        wall,
        tps,
        step == plan.steps());
  }

  private List<char[]> streams(List<String> domains) {
    List<char[]> s = new ArrayList<>();
    for (String d : domains) {
      DomainTokens dt = data.domains().get(d);
      s.add(dt.train());
    }
    return s;
  }

  private double[] weights(List<String> domains) {
    return domains.stream().mapToDouble(d -> plan.mixture().getOrDefault(d, 0.0)).toArray();
  }

  /** Non-finite gradients tolerated in a row before the run counts as diverged. */
  static final int MAX_SKIPPED_IN_A_ROW = 3;

  /**
   * @return why the run diverged at this step, or null if it did not
   */
  private static String divergence(
      float loss, double first, double factor, TrainStep trainer, long step) {
    if (!Float.isFinite(loss) || loss > factor * first) {
      return "loss " + loss + " at step " + step + " (first loss " + first + ")";
    }
    if (trainer.skippedInARow() > 0) {
      System.err.printf(
          "step %d: gradient norm not finite, update skipped (%d skipped so far)%n",
          step, trainer.skipped());
    }
    if (trainer.skippedInARow() >= MAX_SKIPPED_IN_A_ROW) {
      return "gradient norm not finite for "
          + trainer.skippedInARow()
          + " steps in a row at step "
          + step;
    }
    return null;
  }

  private long peakDeviceBytes;

  /**
   * GPU memory in use, sampled at each checkpoint. DJL exposes no allocator peak; this is total
   * minus free from cudaMemGetInfo, so it includes the CUDA context and other processes on the GPU.
   */
  private void sampleDeviceMemory() {
    if (device.isGpu()) {
      peakDeviceBytes =
          Math.max(peakDeviceBytes, ai.djl.util.cuda.CudaUtils.getGpuMemory(device).getCommitted());
    }
  }

  /** Records the peak in the run folder ({@code device_memory.json}) for GPU runs. */
  private void writeDeviceMemory() throws IOException {
    if (device.isGpu()) {
      java.nio.file.Files.writeString(
          folder.dir().resolve("device_memory.json"),
          "{\"device\": \""
              + device
              + "\", \"peak_bytes_sampled_at_checkpoints\": "
              + peakDeviceBytes
              + "}\n");
    }
  }
}
