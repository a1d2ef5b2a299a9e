package org.scalecast.harness.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.scalecast.harness.data.Datasets;
import org.scalecast.harness.eval.Scorer;
import org.scalecast.harness.eval.Task;
import org.scalecast.models.Gpt;
import org.scalecast.models.GptConfig;
import org.scalecast.results.AtomicFiles;

/**
 * Times a few training steps of one model on random tokens, and one checkpoint's evaluation on the
 * sweep's data, for {@code sweep plan}'s estimates: the same {@link TrainStep}, {@link Validation}
 * and {@link Scorer} a run uses, so the per-op overheads that dominate tiny models on a CPU are in
 * the numbers.
 */
public final class StepTimer {
  private StepTimer() {}

  /**
   * @param stepSeconds mean seconds per optimizer step
   * @param evalSeconds seconds of one checkpoint's evaluation
   */
  public record Timing(double stepSeconds, double evalSeconds) {}

  /**
   * @param c the model
   * @param batch sequences per step
   * @param microBatches gradient accumulation
   * @param steps timed steps, after a third as many untimed
   * @param eval the sweep's evaluation: its validation windows and tasks, as a run scores them
   * @param device the device
   * @return mean seconds per step, and the seconds of one checkpoint's evaluation
   */
  public static Timing time(
      GptConfig c, int batch, int microBatches, int steps, Evaluation eval, Device device) {
    Engine.getInstance().setRandomSeed(0);
    try (NDManager base = NDManager.newBaseManager(device)) {
      TrainBench.Trainable t = TrainBench.Trainable.of(c, base);
      Gpt model = t.model();
      AdamW opt = t.opt();
      TrainStep step = new TrainStep(model, opt, base, batch, c.contextLength(), 1.0, microBatches);
      SplittableRandom rng = new SplittableRandom(0);
      long[] tokens = new long[batch * (c.contextLength() + 1)];
      int warmup = Math.max(2, steps / 3); // first steps allocate and pick kernels
      for (int i = 0; i < warmup; i++) {
        step.run(TrainBench.random(tokens, rng, c.vocabSize()), 1e-4);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        step.run(TrainBench.random(tokens, rng, c.vocabSize()), 1e-4);
      }
      double train = (System.nanoTime() - t0) / 1e9 / steps;
      return new Timing(train, eval.seconds(model, base) + saveSeconds(model, opt));
    }
  }

  /**
   * Seconds to save a checkpoint as a run does at each one (weights, then weights and optimizer
   * moments as the resumable state, each written and fsynced): the second of two saves into a
   * temporary folder, deleted after.
   */
  private static double saveSeconds(Gpt model, AdamW opt) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("scalecast-plan");
      RunFolder f = new RunFolder(dir);
      long t0 = 0;
      for (int step = 1; step <= 2; step++) {
        t0 = System.nanoTime();
        f.saveCheckpointWeights(model, step);
        f.saveState(model, opt, new RunState(step, 0, Map.of(), 0, 0, 0, null));
        f.writeStatus(RunStatus.State.RUNNING, step, 2, "");
      }
      return (System.nanoTime() - t0) / 1e9;
    } catch (IOException e) {
      return 0; // no temporary folder: the estimate leaves saving out
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      AtomicFiles.deleteTree(dir);
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }

  /**
   * One checkpoint's evaluation as a run does it: validation losses over every domain's windows and
   * every task scored, tokenization of the task items included (the Scorer encodes them at each
   * checkpoint, a cost independent of the model's size).
   *
   * @param data the prepared data
   * @param tasks the tasks
   * @param contextLength T
   * @param windows validation windows per domain
   * @param batch sequences per forward pass
   * @param mixture domain weights
   */
  public record Evaluation(
      Datasets.Prepared data,
      List<Task> tasks,
      int contextLength,
      int windows,
      int batch,
      Map<String, Double> mixture) {
    /** Evaluates twice (the first untimed: it allocates) and returns the second's seconds. */
    double seconds(Gpt model, NDManager base) {
      Validation v =
          new Validation(data.domains(), data.tokenizer(), contextLength, windows, batch);
      Scorer scorer = new Scorer(data.tokenizer(), contextLength, batch);
      long t0 = 0;
      for (int i = 0; i < 2; i++) {
        t0 = System.nanoTime();
        try (NDManager m = base.newSubManager()) {
          v.evaluate(model, m, mixture);
          for (Task t : tasks) {
            scorer.score(model, m, t);
          }
        }
      }
      return (System.nanoTime() - t0) / 1e9;
    }
  }
}
