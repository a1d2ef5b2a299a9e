package org.scalecast.harness.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.SplittableRandom;
import org.scalecast.models.Gpt;
import org.scalecast.models.GptConfig;

/**
 * Times a few training steps and evaluation forward passes of one model on random tokens, for
 * {@code sweep plan}'s estimates: the same {@link TrainStep} and forward pass a run uses, so the
 * per-op overheads that dominate tiny models on a CPU are in the numbers.
 */
public final class StepTimer {
  private StepTimer() {}

  /**
   * @param stepSeconds mean seconds per optimizer step
   * @param forwardSeconds mean seconds per evaluation forward pass
   */
  public record Timing(double stepSeconds, double forwardSeconds) {}

  /**
   * @param c the model
   * @param batch sequences per step
   * @param microBatches gradient accumulation
   * @param evalBatch sequences per evaluation forward pass
   * @param steps timed steps (as many forward passes), after a third as many untimed
   * @param device the device
   * @return mean seconds per step and per forward pass
   */
  public static Timing time(
      GptConfig c, int batch, int microBatches, int evalBatch, int steps, Device device) {
    Engine.getInstance().setRandomSeed(0);
    try (NDManager base = NDManager.newBaseManager(device)) {
      Gpt model = new Gpt(c);
      model.initialize(base, DataType.FLOAT32, new Shape(1, c.contextLength()));
      for (Pair<String, Parameter> p : model.getParameters()) {
        p.getValue().getArray().setRequiresGradient(true);
      }
      AdamW opt =
          new AdamW(model.getParameters(), base, 0.9, 0.95, 1e-8, 0.1, DecayPolicy.MATRICES);
      TrainStep step = new TrainStep(model, opt, base, batch, c.contextLength(), 1.0, microBatches);
      SplittableRandom rng = new SplittableRandom(0);
      long[] tokens = new long[batch * (c.contextLength() + 1)];
      int warmup = Math.max(2, steps / 3); // first steps allocate and pick kernels
      for (int i = 0; i < warmup; i++) {
        step.run(random(tokens, rng, c.vocabSize()), 1e-4);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        step.run(random(tokens, rng, c.vocabSize()), 1e-4);
      }
      double train = (System.nanoTime() - t0) / 1e9 / steps;
      return new Timing(train, forward(model, base, c, evalBatch, steps, rng));
    }
  }

  /** Mean seconds of a no-gradient forward pass over a full evaluation batch. */
  private static double forward(
      Gpt model, NDManager base, GptConfig c, int evalBatch, int passes, SplittableRandom rng) {
    long[] ids = new long[evalBatch * c.contextLength()];
    ParameterStore ps = new ParameterStore(base, false);
    long t0 = 0;
    for (int i = -2; i < passes; i++) {
      if (i == 0) {
        t0 = System.nanoTime(); // two untimed passes first
      }
      try (NDScope scope = new NDScope();
          NDManager m = base.newSubManager()) {
        var x = m.create(random(ids, rng, c.vocabSize()), new Shape(evalBatch, c.contextLength()));
        model.forward(ps, new NDList(x), false).singletonOrThrow().argMax(-1).toLongArray();
      }
    }
    return (System.nanoTime() - t0) / 1e9 / passes;
  }

  private static long[] random(long[] t, SplittableRandom rng, int vocab) {
    for (int i = 0; i < t.length; i++) {
      t[i] = rng.nextInt(vocab);
    }
    return t;
  }
}
