package org.scalecast.harness.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.models.GptConfig;
import org.scalecast.results.Columns;
import org.scalecast.results.RecordLog;

/**
 * What {@code scalecast bench} measures: training throughput and MFU, achieved FLOP/s over the peak
 * FLOP/s of a square matmul in the same precision, measured through the same engine on the same
 * device (on a GPU the peak of that GPU, on the CPU the CPU's). Field names are the snake_case keys
 * of its JSON.
 *
 * @param device the device
 * @param engine engine name and version
 * @param precision matmul precision of the peak and the training steps (fp32 or tf32; tf32 changes
 *     nothing on the CPU)
 * @param optimizer the AdamW kernel the steps ran, as {@code --optimizer} names it: the one asked
 *     for, or what it fell back to (runs ask for flat, which is gathered on a GPU)
 * @param threads available cores
 * @param model the shape and batch timed
 * @param nParams non-embedding parameters
 * @param nParamsTotal all parameters
 * @param flopsPerToken 6N + 12 L T d
 * @param tokensPerSecond training throughput
 * @param stepSeconds seconds per step
 * @param achievedFlops FLOP/s achieved
 * @param peakFlops the best matmul FLOP/s at two sizes, before and after training
 * @param peakMatmulSizes the two matmul sizes
 * @param mfu achieved over peak
 * @param rssMbAfterWarmup resident memory after the warmup steps
 * @param rssMbAfterSteps resident memory after the timed steps
 * @param liveArraysAfterWarmup native arrays alive after the warmup
 * @param liveArraysAfterSteps native arrays alive after the timed steps
 * @param shareForward share of a step in the forward pass
 * @param shareBackward share in the backward pass
 * @param shareOptimizer share in the optimizer
 * @param deviceMemoryMb a GPU's memory in use after the timed steps, at least the steps' peak
 *     (PyTorch's caching allocator keeps it), null on the CPU. It is the whole device's (CUDA's
 *     free against total): with {@code --sizes a,b} in one process a later size's includes what the
 *     cache kept from the earlier, so compare sizes in separate processes
 */
@JsonPropertyOrder({
  "device",
  "engine",
  "precision",
  "optimizer",
  "threads",
  "model",
  Columns.N_PARAMS,
  Columns.N_PARAMS_TOTAL,
  Columns.FLOPS_PER_TOKEN,
  Columns.TOKENS_PER_SECOND,
  "step_seconds",
  "achieved_flops",
  "peak_flops",
  "peak_matmul_sizes",
  "mfu",
  "rss_mb_after_warmup",
  "rss_mb_after_steps",
  "live_arrays_after_warmup",
  "live_arrays_after_steps",
  "share_forward",
  "share_backward",
  "share_optimizer",
  "device_memory_mb"
})
public record BenchRecord(
    String device,
    String engine,
    String precision,
    String optimizer,
    int threads,
    Shape model,
    long nParams,
    long nParamsTotal,
    double flopsPerToken,
    double tokensPerSecond,
    double stepSeconds,
    double achievedFlops,
    double peakFlops,
    List<Integer> peakMatmulSizes,
    double mfu,
    double rssMbAfterWarmup,
    double rssMbAfterSteps,
    int liveArraysAfterWarmup,
    int liveArraysAfterSteps,
    double shareForward,
    double shareBackward,
    double shareOptimizer,
    Double deviceMemoryMb) {

  /**
   * The timed shape.
   *
   * @param dModel width
   * @param nLayer blocks
   * @param nHead heads
   * @param contextLength T
   * @param vocabSize V
   * @param batchSize B
   */
  @JsonPropertyOrder({
    Columns.D_MODEL,
    Columns.N_LAYER,
    Columns.N_HEAD,
    Columns.CONTEXT_LENGTH,
    Columns.VOCAB_SIZE,
    Columns.BATCH_SIZE
  })
  public record Shape(
      int dModel, int nLayer, int nHead, int contextLength, int vocabSize, int batchSize) {}

  /**
   * Measures the peak, trains each model, and measures the peak again: this machine's speed drifts
   * with its neighbours, and the best rate is the honest denominator. The precision must already be
   * applied to this process ({@link Precision#applyToThisProcess}).
   *
   * @param models the models, timed one after another against one peak
   * @param batch sequences per step
   * @param warmup untimed steps first
   * @param steps timed steps
   * @param matmul the smaller peak matmul size (the other is twice it)
   * @param d the device
   * @param precision the matmul precision, recorded
   * @param kernel AdamW's kernel asked for
   * @return one record per model, in order
   */
  public static List<BenchRecord> measure(
      List<GptConfig> models,
      int batch,
      int warmup,
      int steps,
      int matmul,
      Device d,
      Precision precision,
      AdamW.Kernel kernel) {
    double before = peak(d, matmul);
    List<TrainBench.Result> results = new java.util.ArrayList<>();
    for (GptConfig c : models) {
      results.add(TrainBench.train(c, batch, warmup, steps, d, kernel));
    }
    double peak = Math.max(before, peak(d, matmul));
    List<BenchRecord> out = new java.util.ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      out.add(record(models.get(i), batch, matmul, d, precision, results.get(i), peak));
    }
    return out;
  }

  private static BenchRecord record(
      GptConfig c,
      int batch,
      int matmul,
      Device d,
      Precision precision,
      TrainBench.Result r,
      double peak) {
    return new BenchRecord(
        d.toString(),
        Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion(),
        precision.key(),
        r.optimizer().name().toLowerCase(java.util.Locale.ROOT),
        Runtime.getRuntime().availableProcessors(),
        new Shape(c.dModel(), c.nLayer(), c.nHead(), c.contextLength(), c.vocabSize(), batch),
        r.nParams(),
        r.nParamsTotal(),
        r.flopsPerToken(),
        r.tokensPerSecond(),
        r.stepSeconds(),
        r.achievedFlops(),
        peak,
        List.of(matmul, 2 * matmul),
        r.achievedFlops() / peak,
        r.rssStartMb(),
        r.rssEndMb(),
        r.arraysStart(),
        r.arraysEnd(),
        r.phaseShares()[0],
        r.phaseShares()[1],
        r.phaseShares()[2],
        r.deviceMemoryMb());
  }

  private static double peak(Device d, int matmul) {
    // FLOPs per timed trial: about 0.1 s on this CPU (200 GFLOP/s), and 0.05-0.5 s on an H100
    // (fp32 about 50 TFLOP/s, tf32 several hundred), long enough that the one sync per trial is
    // noise.
    double perTrial = d.isGpu() ? 2e13 : 2e10;
    double best = 0;
    for (int n : new int[] {matmul, 2 * matmul}) {
      // At most 200: a small test size would otherwise be tens of thousands of JNI calls.
      int reps = (int) Math.max(4, Math.min(200, perTrial / (2.0 * n * n * n)));
      best = Math.max(best, TrainBench.peakMatmul(d, n, reps));
    }
    return best;
  }

  /**
   * @return key to value in the JSON's order, for a plain listing
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> fields() {
    return RecordLog.JSON.convertValue(this, LinkedHashMap.class);
  }
}
