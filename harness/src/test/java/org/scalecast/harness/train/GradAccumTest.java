package org.scalecast.harness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.scalecast.models.Gpt;
import org.scalecast.models.GptConfig;

/**
 * {@code train.grad_accum} (issue 14 item 3): k micro-batches of B/k sequences give the update of
 * one batch of B, within fp32 rounding. AdamW's update is nearly invariant to the gradient's scale,
 * which would hide a missing 1/k, so the optimizer runs with eps = 1, where the update is about lr
 * x g / (|g| + 1) and a k-times gradient shows.
 */
class GradAccumTest {
  private static final GptConfig C = new GptConfig(64, 16, 2, 2, 32, GptConfig.HeadTying.TIED);

  @Test
  void fourMicroBatchesUpdateLikeOneBatch() {
    List<float[]> one = train(1, 0.1);
    List<float[]> four = train(4, 0.1);
    double maxDiff = 0;
    double maxMove = 0;
    List<float[]> start = train(1, 0);
    for (int i = 0; i < one.size(); i++) {
      for (int j = 0; j < one.get(i).length; j++) {
        maxDiff = Math.max(maxDiff, Math.abs(one.get(i)[j] - four.get(i)[j]));
        maxMove = Math.max(maxMove, Math.abs(one.get(i)[j] - start.get(i)[j]));
      }
    }
    assertTrue(maxMove > 1e-3, "the steps moved the weights: " + maxMove);
    assertTrue(maxDiff < 1e-5, "k = 4 and k = 1 differ by " + maxDiff + " (moved " + maxMove + ")");
  }

  @Test
  void theLossIsTheBatchMean() {
    assertEquals(loss(1), loss(2), 1e-5);
  }

  /** Three steps on fixed random batches of 8; returns every parameter's values. */
  private static List<float[]> train(int k, double lr) {
    try (NDManager base = NDManager.newBaseManager()) {
      TrainStep step = step(base, k);
      SplittableRandom rng = new SplittableRandom(1);
      for (int s = 0; s < 3; s++) {
        step.run(batch(rng), lr);
      }
      List<float[]> out = new ArrayList<>();
      for (Pair<String, Parameter> p : model.getParameters()) {
        out.add(p.getValue().getArray().toFloatArray());
      }
      return out;
    }
  }

  private static float loss(int k) {
    try (NDManager base = NDManager.newBaseManager()) {
      return step(base, k).run(batch(new SplittableRandom(1)), 0);
    }
  }

  private static Gpt model;

  private static TrainStep step(NDManager base, int k) {
    Engine.getInstance().setRandomSeed(7);
    model = new Gpt(C);
    model.initialize(base, DataType.FLOAT32, new Shape(1, C.contextLength()));
    for (Pair<String, Parameter> p : model.getParameters()) {
      p.getValue().getArray().setRequiresGradient(true);
    }
    AdamW opt = new AdamW(model.getParameters(), base, 0.9, 0.95, 1.0, 0.1, DecayPolicy.MATRICES);
    return new TrainStep(model, opt, base, 8, C.contextLength(), 0, k);
  }

  private static long[] batch(SplittableRandom rng) {
    long[] t = new long[8 * (C.contextLength() + 1)];
    for (int i = 0; i < t.length; i++) {
      t[i] = rng.nextInt(C.vocabSize());
    }
    return t;
  }
}
