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
 * FLOP/s of an fp32 matmul measured through the same engine on the same device. Field names are the
 * snake_case keys of its JSON.
 *
 * @param device the device
 * @param engine engine name and version
 * @param threads available cores
 * @param model the shape and batch timed
 * @param nParams non-embedding parameters
 * @param nParamsTotal all parameters
 * @param flopsPerToken 6N + 12 L T d
 * @param tokensPerSecond training throughput
 * @param stepSeconds seconds per step
 * @param achievedFlops FLOP/s achieved
 * @param peakFlops the best fp32 matmul FLOP/s at two sizes, before and after training
 * @param peakMatmulSizes the two matmul sizes
 * @param mfu achieved over peak
 * @param rssMbAfterWarmup resident memory after the warmup steps
 * @param rssMbAfterSteps resident memory after the timed steps
 * @param liveArraysAfterWarmup native arrays alive after the warmup
 * @param liveArraysAfterSteps native arrays alive after the timed steps
 * @param shareForward share of a step in the forward pass
 * @param shareBackward share in the backward pass
 * @param shareOptimizer share in the optimizer
 */
@JsonPropertyOrder({
  "device",
  "engine",
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
  "share_optimizer"
})
public record BenchRecord(
    String device,
    String engine,
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
    double shareOptimizer) {

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
   * Measures the peak, trains, and measures the peak again: this machine's speed drifts with its
   * neighbours, and the best rate is the honest denominator.
   *
   * @param c the model
   * @param batch sequences per step
   * @param warmup untimed steps first
   * @param steps timed steps
   * @param matmul the smaller peak matmul size (the other is twice it)
   * @param d the device
   * @return the record
   */
  public static BenchRecord measure(
      GptConfig c, int batch, int warmup, int steps, int matmul, Device d) {
    double before = peak(d, matmul);
    TrainBench.Result r = TrainBench.train(c, batch, warmup, steps, d);
    double peak = Math.max(before, peak(d, matmul));
    return new BenchRecord(
        d.toString(),
        Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion(),
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
        r.phaseShares()[2]);
  }

  private static double peak(Device d, int matmul) {
    double best = 0;
    for (int n : new int[] {matmul, 2 * matmul}) {
      best =
          Math.max(
              best, TrainBench.peakMatmul(d, n, Math.max(4, (int) (2e10 / (2.0 * n * n * n)))));
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
