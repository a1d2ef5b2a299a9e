package org.scalecast.harness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalecast.models.Gpt;
import org.scalecast.models.GptConfig;

/**
 * The same training steps on GPU 0 and on the CPU give the same losses (float tolerance). Runs only
 * where the engine sees a GPU (a GPU build on a GPU node); everywhere else it is skipped.
 */
@Tag("gpu")
class GpuTrainingTest {
  private static final GptConfig C = new GptConfig(64, 16, 2, 2, 32, GptConfig.HeadTying.TIED);

  /** The initial weights, drawn once on the CPU: CUDA's generator would draw others. */
  private static byte[] initialWeights() throws Exception {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      Engine.getInstance().setRandomSeed(3);
      Gpt g = new Gpt(C);
      g.initialize(m, DataType.FLOAT32, new Shape(1, C.contextLength()));
      java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
      g.saveParameters(new java.io.DataOutputStream(b));
      return b.toByteArray();
    }
  }

  private static float[] losses(Device device, byte[] weights) throws Exception {
    float[] out = new float[5];
    try (NDManager m = NDManager.newBaseManager(device)) {
      Gpt g = new Gpt(C);
      g.initialize(m, DataType.FLOAT32, new Shape(1, C.contextLength()));
      g.loadParameters(m, new java.io.DataInputStream(new java.io.ByteArrayInputStream(weights)));
      for (Pair<String, Parameter> p : g.getParameters()) {
        p.getValue().getArray().setRequiresGradient(true);
      }
      AdamW opt = new AdamW(g.getParameters(), m, 0.9, 0.95, 1e-8, 0.1, DecayPolicy.MATRICES);
      TrainStep step = new TrainStep(g, opt, m, 2, C.contextLength(), 1.0);
      long[] tokens = new long[2 * (C.contextLength() + 1)];
      for (int i = 0; i < tokens.length; i++) {
        tokens[i] = (i * 7L) % C.vocabSize();
      }
      for (int s = 0; s < out.length; s++) {
        out[s] = step.run(tokens, 1e-3);
      }
    }
    return out;
  }

  @Test
  void trainingOnTheGpuMatchesTheCpu() throws Exception {
    assumeTrue(Engine.getInstance().getGpuCount() > 0, "no GPU visible to the engine");
    byte[] w = initialWeights();
    float[] cpu = losses(Device.cpu(), w);
    float[] gpu = losses(Device.gpu(0), w);
    for (int i = 0; i < cpu.length; i++) {
      assertEquals(cpu[i], gpu[i], 1e-3 * cpu[i], "step " + (i + 1));
    }
  }

  /**
   * On a GPU the flat layout is gathered, bucket by bucket (FlatBuffers cannot alias there), and
   * gives the per-parameter kernel's weights bit for bit, as on the CPU.
   */
  @Test
  void theFlatLayoutIsGatheredOnTheGpuBitForBit() {
    assumeTrue(Engine.getInstance().getGpuCount() > 0, "no GPU visible to the engine");
    AdamWKernelTest.flatLayoutsMatchThePerParameterKernelOn(Device.gpu(0));
  }

  @Test
  void aRunDrawsItsInitialWeightsOnTheCpu() throws Exception {
    assumeTrue(Engine.getInstance().getGpuCount() > 0, "no GPU visible to the engine");
    byte[] cpu;
    byte[] gpu;
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      Engine.getInstance().setRandomSeed(5);
      Gpt g = new Gpt(C);
      InitialWeights.draw(g, C, m);
      cpu = InitialWeightsTest.weights(g);
    }
    try (NDManager m = NDManager.newBaseManager(Device.gpu(0))) {
      Engine.getInstance().setRandomSeed(5);
      Gpt g = new Gpt(C);
      InitialWeights.draw(g, C, m);
      gpu = InitialWeightsTest.weights(g);
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(cpu, gpu);
  }
}
