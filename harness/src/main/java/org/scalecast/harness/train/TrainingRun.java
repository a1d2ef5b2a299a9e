package org.scalecast.harness.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.harness.data.Datasets;
import org.scalecast.harness.data.DomainTokens;
import org.scalecast.harness.eval.Scorer;
import org.scalecast.harness.eval.Task;
import org.scalecast.harness.sweep.RunSpec;
import org.scalecast.harness.sweep.TrainSettings;
import org.scalecast.models.Flops;
import org.scalecast.models.Gpt;
import org.scalecast.results.CheckpointRecord;

/**
 * Trains one run from its last saved state (or from scratch) to its token budget, evaluating and
 * saving at the checkpoint schedule. FP32 on one device. Each step is a {@link TrainStep}, whose
 * arrays are freed on return, so native memory stays flat (DJL_NOTES.md 1.5).
 *
 * <p>Dimensions: B batch, T context length, V vocabulary.
 */
public final class TrainingRun {
  private static final Object INIT_LOCK = new Object();

  /** Smoothing of the reported training loss. */
  private static final double EMA = 0.95;

  /** How the run ended. */
  public enum Outcome {
    /** Trained to its budget. */
    DONE,
    /** Stopped on a NaN or exploding loss. */
    DIVERGED
  }

  private final RunSpec spec;
  private final Datasets.Prepared data;
  private final RunFolder folder;
  private final Device device;
  private final Progress progress;
  private final List<Task> tasks;

  /**
   * @param spec the run
   * @param data its tokenized domains
   * @param folder its folder
   * @param device where to train
   * @param progress progress receiver
   * @param tasks downstream tasks scored at every checkpoint
   */
  public TrainingRun(
      RunSpec spec,
      Datasets.Prepared data,
      RunFolder folder,
      Device device,
      Progress progress,
      List<Task> tasks) {
    this.spec = spec;
    this.data = data;
    this.folder = folder;
    this.device = device;
    this.progress = progress;
    this.tasks = List.copyOf(tasks);
  }

  /**
   * @return how the run ended
   */
  public Outcome execute() throws IOException {
    TrainSettings ts = spec.train();
    int b = ts.batchSize();
    int t = spec.model().contextLength();
    try (NDManager base = NDManager.newBaseManager(device)) {
      Gpt model = new Gpt(spec.model());
      // The engine's seed is global: runs started side by side (--jobs) must seed and draw their
      // initial weights one at a time, or they would take each other's random numbers.
      synchronized (INIT_LOCK) {
        Engine.getInstance().setRandomSeed((int) spec.seed());
        model.initialize(base, DataType.FLOAT32, new Shape(1, t));
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
          new MixtureSampler(streams(domains), weights(domains), t + 1, spec.seed());
      Validation validation =
          new Validation(
              data.domains(), data.tokenizer(), t, spec.eval().windows(), spec.eval().batchSize());
      LrSchedule lr =
          new LrSchedule(
              ts.schedule(),
              ts.lr(),
              ts.minLrRatio(),
              Math.round(ts.warmupFraction() * spec.steps()),
              Math.round(ts.decayFraction() * spec.steps()),
              spec.steps());
      long[] evalAt = spec.eval().schedule(spec.steps());
      TrainStep trainer = new TrainStep(model, opt, base, b, t, ts.gradClip());
      long[] tokens = new long[b * (t + 1)];
      int[] domainOf = new int[b];
      Map<String, Long> byDomain = new LinkedHashMap<>(state.tokensByDomain());
      double ema = state.emaLoss();
      double first = state.firstLoss();
      long step = state.step();
      long segmentStart = System.nanoTime();
      long lastRecordNanos = segmentStart;
      long lastRecordTokens = state.tokens();
      folder.writeStatus(RunStatus.RUNNING, step, spec.steps(), "");
      while (step < spec.steps()) {
        step++;
        sampler.draw(step, b, tokens, domainOf);
        float loss = trainer.run(tokens, lr.at(step));
        if (step == 1) {
          first = loss;
        }
        String why = divergence(loss, first, ts.divergenceFactor(), trainer, step);
        if (why != null) {
          folder.writeStatus(RunStatus.DIVERGED, step, spec.steps(), why);
          return Outcome.DIVERGED;
        }
        ema = EMA * ema + (1 - EMA) * loss;
        for (int d : domainOf) {
          byDomain.merge(domains.get(d), (long) t, Long::sum);
        }
        long seen = step * spec.tokensPerStep();
        long now = System.nanoTime();
        double wall = state.wallSeconds() + (now - segmentStart) / 1e9;
        double smoothed = ema / (1 - Math.pow(EMA, step));
        if (Arrays.binarySearch(evalAt, step) >= 0) {
          double tps = (seen - lastRecordTokens) / Math.max(1e-9, (now - lastRecordNanos) / 1e9);
          long evalStart = System.nanoTime();
          Validation.Result v;
          try (NDManager em = base.newSubManager()) {
            v = validation.evaluate(model, em, spec.mixture());
          }
          Map<String, Double> scores = scoreTasks(model, base);
          scores.put("eval_seconds", (System.nanoTime() - evalStart) / 1e9);
          folder
              .records()
              .append(record(step, seen, lr.at(step), smoothed, v, byDomain, wall, tps, scores));
          folder.saveCheckpointWeights(model, step);
          folder.saveState(model, opt, new RunState(step, seen, byDomain, ema, first, wall));
          sampleDeviceMemory();
          folder.writeStatus(
              step == spec.steps() ? RunStatus.DONE : RunStatus.RUNNING, step, spec.steps(), "");
          lastRecordNanos = System.nanoTime();
          lastRecordTokens = seen;
          progress.update(
              spec.runId(),
              step,
              spec.steps(),
              tps,
              smoothed,
              (spec.steps() - step) * spec.tokensPerStep() / Math.max(1e-9, tps));
        }
      }
      writeDeviceMemory();
      return Outcome.DONE;
    }
  }

  private RunState resume(Gpt model, AdamW opt, NDManager base) throws IOException {
    RunState s = folder.loadState(model, opt, base);
    if (s == null) {
      folder.clearProgress();
      return new RunState(0, 0, Map.of(), 0, Double.NaN, 0);
    }
    // Records written after the saved state (a kill between the two) are recomputed.
    folder.records().truncateTo(r -> r.step() <= s.step());
    return s;
  }

  private Map<String, Double> scoreTasks(Gpt model, NDManager base) {
    Map<String, Double> scores = new LinkedHashMap<>();
    Scorer scorer =
        new Scorer(data.tokenizer(), spec.model().contextLength(), spec.eval().batchSize());
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
        spec.runId(),
        step,
        seen,
        (double) seen / spec.tokenBudget(),
        Flops.training(spec.model(), Flops.Convention.SIX_N, seen),
        Flops.training(spec.model(), Flops.Convention.SIX_N_ATTENTION, seen),
        lr,
        trainLoss,
        v.losses(),
        v.bitsPerByte(),
        new LinkedHashMap<>(byDomain),
        scores,
        wall,
        tps,
        step == spec.steps());
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
    return domains.stream().mapToDouble(d -> spec.mixture().getOrDefault(d, 0.0)).toArray();
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
