package org.scalecast.harness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
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
 * The fused native AdamW update (issue 15) moves every parameter as the array-operation update
 * does: decay on matrices only, bias correction, and global-norm clipping through the gradient's
 * scale (clip 0.05 binds on these random batches), within fp32 rounding.
 */
class AdamWKernelTest {
  private static final GptConfig C = new GptConfig(64, 16, 2, 2, 32, GptConfig.HeadTying.TIED);

  @Test
  void fusedUpdateMatchesTheArrayOperations() {
    List<float[]> fused = train(AdamW.Kernel.FUSED, 0.01, 0.05);
    List<float[]> arrays = train(AdamW.Kernel.ARRAY_OPS, 0.01, 0.05);
    List<float[]> start = train(AdamW.Kernel.ARRAY_OPS, 0, 0.05);
    double maxDiff = 0;
    double maxMove = 0;
    for (int i = 0; i < fused.size(); i++) {
      for (int j = 0; j < fused.get(i).length; j++) {
        maxDiff = Math.max(maxDiff, Math.abs(fused.get(i)[j] - arrays.get(i)[j]));
        maxMove = Math.max(maxMove, Math.abs(arrays.get(i)[j] - start.get(i)[j]));
      }
    }
    assertTrue(maxMove > 1e-2, "the steps moved the weights: " + maxMove);
    assertTrue(maxDiff < 1e-5, "fused and array updates differ by " + maxDiff);
  }

  /**
   * The flat buffers (issue 15) give the per-parameter kernel's weights bit for bit, clipping
   * included: the same elementwise arithmetic and the same norms. Without the gradients' aliasing
   * the flat kernel reads the first step's gradients forever (0.05 apart, tried); with one norm
   * over the flat buffer, 1e-6 apart.
   */
  @Test
  void flatBuffersMatchThePerParameterKernel() {
    for (double clip : new double[] {0.05, 100}) { // binding (exact norm), never (one norm)
      List<float[]> flat = train(AdamW.Kernel.FLAT, 0.01, clip);
      List<float[]> fused = train(AdamW.Kernel.FUSED, 0.01, clip);
      double maxDiff = 0;
      for (int i = 0; i < fused.size(); i++) {
        for (int j = 0; j < fused.get(i).length; j++) {
          maxDiff = Math.max(maxDiff, Math.abs(flat.get(i)[j] - fused.get(i)[j]));
        }
      }
      assertEquals(0.0, maxDiff, "clip " + clip + ": flat and per-parameter updates differ");
    }
  }

  /** Five steps on fixed random batches of 8, clipped at {@code clip}; every parameter's values. */
  private static List<float[]> train(AdamW.Kernel kernel, double lr, double clip) {
    try (NDManager base = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(7);
      Gpt model = new Gpt(C);
      model.initialize(base, DataType.FLOAT32, new Shape(1, C.contextLength()));
      for (Pair<String, Parameter> p : model.getParameters()) {
        p.getValue().getArray().setRequiresGradient(true);
      }
      AdamW opt =
          new AdamW(model.getParameters(), base, 0.9, 0.95, 1e-8, 0.1, DecayPolicy.MATRICES)
              .withKernel(kernel);
      TrainStep step = new TrainStep(model, opt, base, 8, C.contextLength(), clip, 1);
      SplittableRandom rng = new SplittableRandom(1);
      for (int s = 0; s < 5; s++) {
        long[] t = new long[8 * (C.contextLength() + 1)];
        for (int i = 0; i < t.length; i++) {
          t[i] = rng.nextInt(C.vocabSize());
        }
        step.run(t, lr);
      }
      if (kernel == AdamW.Kernel.FLAT) {
        boolean cpu = Device.Type.CPU.equals(base.getDevice().getDeviceType());
        assertEquals(cpu, opt.flatBound(), "flat buffers bound on the CPU, and only there");
      }
      List<float[]> out = new ArrayList<>();
      for (Pair<String, Parameter> p : model.getParameters()) {
        out.add(p.getValue().getArray().toFloatArray());
      }
      return out;
    }
  }
}
