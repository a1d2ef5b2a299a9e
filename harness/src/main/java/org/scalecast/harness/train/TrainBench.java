package org.scalecast.harness.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.scalecast.models.Flops;
import org.scalecast.models.Gpt;
import org.scalecast.models.GptConfig;
import org.scalecast.models.ParameterCount;

/**
 * Training throughput and model FLOPs utilisation: achieved FLOP/s (tokens/s x FLOPs per token,
 * nanoGPT's estimate_mfu convention: 6N + 12 L T d) over the peak FLOP/s of a large fp32 matmul
 * measured through the same engine on the same device, not a datasheet number.
 */
public final class TrainBench {
  private TrainBench() {}

  /**
   * @param tokensPerSecond training throughput
   * @param achievedFlops tokens/s x FLOPs per token
   * @param flopsPerToken training FLOPs per token (6N + attention)
   * @param nParams non-embedding parameters
   * @param nParamsTotal all parameters
   * @param stepSeconds mean seconds per step
   * @param rssStartMb resident memory after warmup
   * @param rssEndMb resident memory after the timed steps
   * @param arraysStart native arrays held by the model manager after warmup
   * @param arraysEnd the same after the timed steps: equal when nothing leaks per step (with no
   *     warmup, the moments the first step makes are more)
   * @param phaseShares shares of step time in forward+loss, backward, clipping+AdamW
   * @param optimizer the AdamW kernel the steps ran (the one asked for, unless it could not bind)
   * @param deviceMemoryMb a GPU's memory in use after the timed steps (PyTorch's caching allocator
   *     keeps what the steps took at their peak), null on the CPU
   */
  public record Result(
      double tokensPerSecond,
      double achievedFlops,
      double flopsPerToken,
      long nParams,
      long nParamsTotal,
      double stepSeconds,
      double rssStartMb,
      double rssEndMb,
      int arraysStart,
      int arraysEnd,
      double[] phaseShares,
      AdamW.Kernel optimizer,
      Double deviceMemoryMb) {}

  /**
   * @param device the device
   * @param n matrix size
   * @param reps matmuls per trial
   * @return best FLOP/s over three trials of n x n fp32 matmuls
   */
  public static double peakMatmul(Device device, int n, int reps) {
    try (NDManager m = NDManager.newBaseManager(device)) {
      NDArray a = m.randomNormal(new Shape(n, n));
      NDArray b = m.randomNormal(new Shape(n, n));
      double best = 0;
      for (int trial = 0; trial < 4; trial++) {
        long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
          try (NDArray c = a.matMul(b)) {
            if (r == reps - 1) {
              c.getFloat(0, 0); // synchronise on accelerators
            }
          }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (trial > 0) {
          best = Math.max(best, 2.0 * n * n * n * reps / s); // trial 0 warms up
        }
      }
      return best;
    }
  }

  /**
   * @param c the model shape
   * @param batch sequences per step
   * @param warmup untimed steps
   * @param steps timed steps
   * @param device the device
   * @param kernel AdamW's kernel (runs use {@link AdamW.Kernel#FLAT})
   * @return throughput, memory and the share of each phase (MFU needs a peak: see BenchCommand)
   */
  public static Result train(
      GptConfig c, int batch, int warmup, int steps, Device device, AdamW.Kernel kernel) {
    Engine.getInstance().setRandomSeed(0);
    try (NDManager base = NDManager.newBaseManager(device)) {
      Trainable t = Trainable.of(c, base);
      t.opt().withKernel(kernel);
      TrainStep step = new TrainStep(t.model(), t.opt(), base, batch, c.contextLength(), 1.0);
      long[] tokens = new long[batch * (c.contextLength() + 1)];
      SplittableRandom rng = new SplittableRandom(0);
      for (int i = 0; i < warmup; i++) {
        step.run(random(tokens, rng, c.vocabSize()), 1e-4);
      }
      double rss0 = rssMb();
      int arrays0 = base.getManagedArrays().size();
      double[] phases = new double[3];
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        step.run(random(tokens, rng, c.vocabSize()), 1e-4, phases);
      }
      double s = (System.nanoTime() - t0) / 1e9;
      double tps = (double) steps * batch * c.contextLength() / s;
      double fpt = Flops.perToken(c, Flops.Convention.SIX_N_ATTENTION);
      return new Result(
          tps,
          tps * fpt,
          fpt,
          ParameterCount.nonEmbedding(c),
          ParameterCount.total(c),
          s / steps,
          rss0,
          rssMb(),
          arrays0,
          base.getManagedArrays().size(),
          new double[] {phases[0] / s, phases[1] / s, phases[2] / s},
          t.opt().used(),
          device.isGpu()
              ? ai.djl.util.cuda.CudaUtils.getGpuMemory(device).getCommitted() / 1048576.0
              : null);
    }
  }

  /**
   * A freshly initialised model (engine seed 0 set by the caller) and its AdamW, as a run starts
   * them: what the bench and sweep plan's calibration time.
   *
   * @param model the model
   * @param opt its optimizer
   */
  record Trainable(Gpt model, AdamW opt) {
    static Trainable of(GptConfig c, NDManager base) {
      Gpt model = new Gpt(c);
      model.initialize(base, DataType.FLOAT32, new Shape(1, c.contextLength()));
      for (Pair<String, Parameter> p : model.getParameters()) {
        p.getValue().getArray().setRequiresGradient(true);
      }
      AdamW opt =
          new AdamW(model.getParameters(), base, 0.9, 0.95, 1e-8, 0.1, DecayPolicy.MATRICES);
      return new Trainable(model, opt);
    }
  }

  /** Fills the token buffer with random ids (timings need shapes, not text). */
  static long[] random(long[] t, SplittableRandom rng, int vocab) {
    for (int i = 0; i < t.length; i++) {
      t[i] = rng.nextInt(vocab);
    }
    return t;
  }

  /**
   * @return this process's resident set in MiB, from /proc (NaN elsewhere)
   */
  public static double rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
