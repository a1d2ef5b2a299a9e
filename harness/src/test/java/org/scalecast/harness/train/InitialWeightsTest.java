package org.scalecast.harness.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;
import org.scalecast.models.Gpt;
import org.scalecast.models.GptConfig;

/**
 * A GPU run's initial weights are the CPU's: the path a GPU takes (a CPU twin drawn and copied in)
 * gives, on the CPU, exactly the weights a direct draw gives. Without the copy the model keeps the
 * numbers it drew itself after the twin, which differ. GpuTrainingTest checks the same on a GPU.
 */
class InitialWeightsTest {
  private static final GptConfig C = new GptConfig(64, 16, 2, 2, 32, GptConfig.HeadTying.UNTIED);

  static byte[] weights(Gpt g) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    g.saveParameters(new DataOutputStream(b));
    return b.toByteArray();
  }

  @Test
  void theGpuPathDrawsTheCpuWeights() throws Exception {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      Engine.getInstance().setRandomSeed(7);
      Gpt direct = new Gpt(C);
      InitialWeights.draw(direct, C, m);
      Engine.getInstance().setRandomSeed(7);
      Gpt viaTwin = new Gpt(C);
      InitialWeights.drawViaCpu(viaTwin, C, m);
      assertArrayEquals(weights(direct), weights(viaTwin));
    }
  }
}
