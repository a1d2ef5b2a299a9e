package org.scalecast.harness.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.models.Gpt;
import org.scalecast.models.GptConfig;

/** Saved state restores weights, AdamW moments and step count bit for bit into a fresh model. */
@Tag("engine")
class RunStateTest {
  private static final GptConfig C = new GptConfig(64, 16, 2, 2, 32, GptConfig.HeadTying.TIED);

  @TempDir Path dir;

  private static Gpt model(NDManager m, int seed) {
    Engine.getInstance().setRandomSeed(seed);
    Gpt g = new Gpt(C);
    g.initialize(m, DataType.FLOAT32, new Shape(1, C.contextLength()));
    return g;
  }

  private static void requireGradients(Gpt g) {
    for (Pair<String, Parameter> p : g.getParameters()) {
      p.getValue().getArray().setRequiresGradient(true);
    }
  }

  private static AdamW adam(Gpt g, NDManager m) {
    return new AdamW(g.getParameters(), m, 0.9, 0.95, 1e-8, 0.1, DecayPolicy.MATRICES);
  }

  private static long[] batch(SplittableRandom r) {
    long[] t = new long[4 * 17];
    for (int i = 0; i < t.length; i++) {
      t[i] = r.nextInt(64);
    }
    return t;
  }

  private static byte[] bytes(AdamW opt) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    opt.save(new DataOutputStream(b));
    return b.toByteArray();
  }

  @Test
  void savedStateLoadsBitForBitIntoAFreshModel() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      Gpt g = model(m, 1);
      requireGradients(g);
      AdamW opt = adam(g, m);
      TrainStep step = new TrainStep(g, opt, m, 4, 16, 1.0);
      SplittableRandom r = new SplittableRandom(5);
      for (int i = 0; i < 7; i++) {
        step.run(batch(r), 1e-2);
      }
      RunFolder folder = new RunFolder(dir);
      RunState state = new RunState(7, 7 * 64, Map.of("text", 448L), 3.0, 4.1, 1.5, 1);
      folder.saveState(g, opt, state);

      Gpt fresh = model(m, 99);
      AdamW freshOpt = adam(fresh, m);
      assertEquals(state, folder.loadState(fresh, freshOpt, m, line -> {}));
      requireGradients(fresh);
      for (int i = 0; i < g.getParameters().size(); i++) {
        assertArrayEquals(
            g.getParameters().get(i).getValue().getArray().toFloatArray(),
            fresh.getParameters().get(i).getValue().getArray().toFloatArray(),
            g.getParameters().get(i).getKey());
      }
      assertEquals(7, freshOpt.steps());
      assertArrayEquals(bytes(opt), bytes(freshOpt), "moments and step count");

      long[] next = batch(r);
      float a = step.run(next, 1e-2);
      float b = new TrainStep(fresh, freshOpt, m, 4, 16, 1.0).run(next, 1e-2);
      assertEquals(a, b, 1e-5f, "the next step computes the same loss");
    }
  }
}
