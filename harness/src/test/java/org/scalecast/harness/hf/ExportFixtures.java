package org.scalecast.harness.hf;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Map;
import org.scalecast.models.Gpt;
import org.scalecast.models.GptConfig;

/** Models for the export tests: every parameter moved off its initial value. */
final class ExportFixtures {
  private ExportFixtures() {}

  /**
   * A model whose LayerNorm gains, shifts and biases are not 1 and 0 as initialised, so that a
   * swapped gain and shift or a lost bias changes the logits.
   */
  static Gpt perturbed(NDManager m, GptConfig c, int seed) {
    Engine.getInstance().setRandomSeed(seed);
    Gpt g = new Gpt(c);
    g.initialize(m, DataType.FLOAT32, new Shape(1, c.contextLength()));
    for (Pair<String, Parameter> p : g.getParameters()) {
      NDArray a = p.getValue().getArray();
      try (NDArray r = m.randomNormal(0, 0.1f, a.getShape(), DataType.FLOAT32)) {
        a.set(a.add(r).toFloatArray());
      }
    }
    return g;
  }

  /** Fills a model's parameters from exported tensors, undoing the layout changes. */
  static void load(Gpt g, Map<String, Safetensors.Tensor> tensors) {
    for (Pair<String, Parameter> p : g.getParameters()) {
      Gpt2Layout.Target t = Gpt2Layout.target(Gpt2Layout.strip(p.getKey()));
      Safetensors.Tensor x = tensors.get(t.name());
      p.getValue()
          .getArray()
          .set(t.transpose() ? Gpt2Layout.transpose(x.data(), x.shape()) : x.data());
    }
  }

  static NDArray logits(Gpt g, NDManager m, long[][] ids) {
    return g.forward(new ParameterStore(m, false), new NDList(m.create(ids)), false)
        .singletonOrThrow();
  }

  /** A batch of two sequences of n ids below v, fixed. */
  static long[][] batch(int n, int v) {
    long[][] ids = new long[2][n];
    for (int i = 0; i < n; i++) {
      ids[0][i] = (7L * i + 3) % v;
      ids[1][i] = (31L * i * i + 11) % v;
    }
    return ids;
  }
}
