package org.scalecast.harness.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.norm.LayerNorm;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.special.Erf;
import org.scalecast.models.Gpt;
import org.scalecast.models.GptConfig;

/**
 * transformers' {@code config.json} for a {@code GPT2LMHeadModel} of our shape. The two facts the
 * weights do not show, the LayerNorm epsilon and the GELU variant, are read from the live model and
 * engine rather than assumed, so that a change in either is exported correctly or refused.
 */
public final class Gpt2Config {
  private static final double[] PROBE = {-3, -2, -1.5, -1, -0.5, 0.25, 0.5, 1, 2, 3};

  private Gpt2Config() {}

  /**
   * @param model the model, initialised
   * @param manager a manager for the GELU probe
   * @param provenance extra keys (run id, step) kept in the file; transformers ignores them
   * @return the config as an ordered map
   */
  public static Map<String, Object> of(
      Gpt model, NDManager manager, Map<String, Object> provenance) {
    GptConfig c = model.config();
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("architectures", new String[] {"GPT2LMHeadModel"});
    j.put("model_type", "gpt2");
    j.put("vocab_size", c.vocabSize());
    j.put("n_positions", c.contextLength());
    j.put("n_ctx", c.contextLength());
    j.put("n_embd", c.dModel());
    j.put("n_layer", c.nLayer());
    j.put("n_head", c.nHead());
    j.put("n_inner", 4 * c.dModel()); // Mlp's width; GPT-2's default too, written to be explicit
    j.put("activation_function", activation(manager));
    j.put("layer_norm_epsilon", layerNormEpsilon(model));
    j.put("tie_word_embeddings", c.head() == GptConfig.HeadTying.TIED);
    // We train without dropout; GPT-2's defaults of 0.1 would only matter in training mode.
    j.put("resid_pdrop", 0.0);
    j.put("embd_pdrop", 0.0);
    j.put("attn_pdrop", 0.0);
    j.put("initializer_range", 0.02);
    j.put("scale_attn_weights", true); // scores / sqrt(head width), as CausalSelfAttention
    j.put("scale_attn_by_inverse_layer_idx", false);
    j.put("reorder_and_upcast_attn", false);
    // Our vocabulary has no special tokens; GPT-2's default 50256 would point past it.
    j.put("bos_token_id", null);
    j.put("eos_token_id", null);
    j.put("torch_dtype", "float32");
    j.put("use_cache", true);
    j.putAll(provenance);
    return j;
  }

  /**
   * The engine's GELU matched against both forms transformers knows: {@code gelu} is the exact erf
   * form (torch's default, which DJL's {@code Activation.gelu} calls), {@code gelu_new} GPT-2's
   * tanh approximation. They differ by up to 2e-4 on the probe points, far above fp32 rounding.
   */
  static String activation(NDManager manager) {
    float[] x = new float[PROBE.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) PROBE[i];
    }
    float[] y;
    try (NDArray in = manager.create(x)) {
      NDList out = Activation.gelu(new NDList(in));
      y = out.singletonOrThrow().toFloatArray();
      out.close();
    }
    if (matches(y, x, true)) {
      return "gelu";
    }
    if (matches(y, x, false)) {
      return "gelu_new";
    }
    throw Gpt2Layout.refusal("the engine's GELU is neither the erf form nor the tanh form");
  }

  private static boolean matches(float[] y, float[] x, boolean exact) {
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      double want =
          exact
              ? 0.5 * v * (1 + Erf.erf(v / Math.sqrt(2)))
              : 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
      if (Math.abs(y[i] - want) > 1e-6) {
        return false;
      }
    }
    return true;
  }

  /**
   * Every LayerNorm's epsilon. DJL keeps it in a protected field with no getter, so it is read by
   * reflection; a model whose norms disagree cannot be one GPT-2 config and is refused.
   */
  static double layerNormEpsilon(Block model) {
    TreeSet<Float> eps = new TreeSet<>();
    collect(model, eps);
    if (eps.size() != 1) {
      throw Gpt2Layout.refusal("LayerNorm epsilons " + eps + " differ; GPT-2 has one");
    }
    return Double.parseDouble(eps.first().toString()); // 1e-5, not 9.999999747378752E-6
  }

  private static void collect(Block b, TreeSet<Float> eps) {
    if (b instanceof LayerNorm ln) {
      try {
        Field f = LayerNorm.class.getDeclaredField("epsilon");
        f.setAccessible(true);
        eps.add(f.getFloat(ln));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("DJL's LayerNorm has no epsilon field", e);
      }
    }
    b.getChildren().values().forEach(child -> collect(child, eps));
  }
}
