package org.scalecast.harness.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import org.scalecast.models.Gpt;
import org.scalecast.models.GptConfig;

/**
 * Draws a model's initial weights on the CPU whatever device it trains on, so that a run starts
 * from the same weights on a GPU as on the CPU. The engine's seed drives a different generator on
 * each device (CUDA's Philox, the CPU's Mersenne twister): before this, the GPU recheck of
 * 2026-11-26 found the smoke sweep's runs on an H200 1.1% apart from the CPU's in training loss at
 * the first checkpoint (step 11), which hid whether the GPU path computes what the CPU path does.
 * The caller seeds the engine first and holds the seed while drawing.
 */
final class InitialWeights {
  private InitialWeights() {}

  /**
   * Initializes {@code model} on {@code base}'s device with the weights the CPU draws.
   *
   * @param model the model, not yet initialized
   * @param config its configuration (a CPU twin is built from it on a GPU)
   * @param base the run's manager
   */
  static void draw(Gpt model, GptConfig config, NDManager base) {
    if (!base.getDevice().isGpu()) {
      model.initialize(base, DataType.FLOAT32, input(config));
      return;
    }
    drawViaCpu(model, config, base);
  }

  /** The GPU path, callable on the CPU by a test: draw a CPU twin, then copy it into the model. */
  static void drawViaCpu(Gpt model, GptConfig config, NDManager base) {
    try (NDManager cpu = NDManager.newBaseManager(Device.cpu())) {
      Gpt twin = new Gpt(config);
      twin.initialize(cpu, DataType.FLOAT32, input(config));
      model.initialize(base, DataType.FLOAT32, input(config)); // values replaced below
      PairList<String, Parameter> from = twin.getParameters();
      PairList<String, Parameter> to = model.getParameters();
      for (int i = 0; i < from.size(); i++) {
        // NDArray.copyTo is set(toByteBuffer()): on a GPU array, a host-to-device copy.
        from.get(i).getValue().getArray().copyTo(to.get(i).getValue().getArray());
      }
    }
  }

  private static Shape input(GptConfig config) {
    return new Shape(1, config.contextLength()); // (B=1, T)
  }
}
