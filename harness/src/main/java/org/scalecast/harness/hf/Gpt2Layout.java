package org.scalecast.harness.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scalecast.models.Gpt;
import org.scalecast.models.GptConfig;
import org.scalecast.results.InputException;

/**
 * Our decoder's parameters under GPT-2's names and layouts (transformers' {@code GPT2LMHeadModel}).
 * Both are pre-LayerNorm with learned positions and biases everywhere; the differences that remain
 * are layouts: GPT-2's linear layers are {@code Conv1D}, whose weight is [in, out], the transpose
 * of DJL's {@code Linear} [out, in]; its {@code lm_head} is an {@code nn.Linear}, [out, in] like
 * ours. A parameter GPT-2 lacks, or one it has that we lack (biases, positions), is a refusal
 * naming it, never a silent drop or a zero fill.
 */
public final class Gpt2Layout {
  /** A rename of one of our parameters (indices stripped) and whether it is transposed. */
  private record Rule(Pattern ours, String theirs, boolean transpose) {}

  private static final List<Rule> RULES =
      List.of(
          rule("wte", "transformer.wte.weight", false),
          rule("wpe", "transformer.wpe.weight", false),
          rule("h(\\d+)_ln_([12])_gamma", "transformer.h.$1.ln_$2.weight", false),
          rule("h(\\d+)_ln_([12])_beta", "transformer.h.$1.ln_$2.bias", false),
          rule("h(\\d+)_attn_qkv_weight", "transformer.h.$1.attn.c_attn.weight", true),
          rule("h(\\d+)_attn_qkv_bias", "transformer.h.$1.attn.c_attn.bias", false),
          rule("h(\\d+)_attn_proj_weight", "transformer.h.$1.attn.c_proj.weight", true),
          rule("h(\\d+)_attn_proj_bias", "transformer.h.$1.attn.c_proj.bias", false),
          rule("h(\\d+)_mlp_fc_weight", "transformer.h.$1.mlp.c_fc.weight", true),
          rule("h(\\d+)_mlp_fc_bias", "transformer.h.$1.mlp.c_fc.bias", false),
          rule("h(\\d+)_mlp_proj_weight", "transformer.h.$1.mlp.c_proj.weight", true),
          rule("h(\\d+)_mlp_proj_bias", "transformer.h.$1.mlp.c_proj.bias", false),
          rule("ln_f_gamma", "transformer.ln_f.weight", false),
          rule("ln_f_beta", "transformer.ln_f.bias", false),
          rule("lm_head_weight", "lm_head.weight", false));

  private Gpt2Layout() {}

  private static Rule rule(String ours, String theirs, boolean transpose) {
    return new Rule(Pattern.compile(ours), theirs, transpose);
  }

  /**
   * @param model a model with its weights loaded
   * @return its tensors under GPT-2's names and layouts, in GPT-2's order
   * @throws InputException naming the first difference from GPT-2's parameters
   */
  public static List<Safetensors.Tensor> tensors(Gpt model) {
    Map<String, Safetensors.Tensor> byName = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : model.getParameters()) {
      Safetensors.Tensor t = convert(strip(p.getKey()), p.getValue().getArray());
      byName.put(t.name(), t);
    }
    Map<String, long[]> expected = expectedShapes(model.config());
    List<Safetensors.Tensor> out = new ArrayList<>();
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      Safetensors.Tensor t = byName.remove(e.getKey());
      if (t == null) {
        throw refusal("our model has no " + e.getKey() + ", which GPT-2 has");
      }
      if (!java.util.Arrays.equals(t.shape(), e.getValue())) {
        throw refusal(
            e.getKey()
                + " has shape "
                + java.util.Arrays.toString(t.shape())
                + ", GPT-2 expects "
                + java.util.Arrays.toString(e.getValue()));
      }
      out.add(t);
    }
    if (!byName.isEmpty()) {
      throw refusal("GPT-2 has no counterpart of " + byName.keySet().iterator().next());
    }
    return out;
  }

  /** DJL names a child {@code 03h0}: its position, then its name. GPT-2 names carry no position. */
  static String strip(String djlName) {
    return djlName.replaceAll("(^|_)\\d{2,}(?=[a-z])", "$1");
  }

  /**
   * Where one of our parameters goes.
   *
   * @param name its GPT-2 name
   * @param transpose whether its matrix is transposed on the way
   */
  record Target(String name, boolean transpose) {}

  /**
   * @param ours one of our parameter names, positions stripped ({@link #strip})
   * @return its GPT-2 name and layout
   */
  static Target target(String ours) {
    for (Rule r : RULES) {
      Matcher m = r.ours().matcher(ours);
      if (m.matches()) {
        return new Target(m.replaceAll(r.theirs()), r.transpose());
      }
    }
    throw refusal("GPT-2 has no counterpart of our parameter " + ours);
  }

  private static Safetensors.Tensor convert(String name, NDArray a) {
    long[] shape = a.getShape().getShape();
    Target t = target(name);
    return t.transpose()
        ? new Safetensors.Tensor(
            t.name(), new long[] {shape[1], shape[0]}, transpose(a.toFloatArray(), shape))
        : new Safetensors.Tensor(t.name(), shape, a.toFloatArray());
  }

  /** Row-major [rows, cols] to row-major [cols, rows]. */
  static float[] transpose(float[] data, long[] shape) {
    int rows = (int) shape[0];
    int cols = (int) shape[1];
    float[] t = new float[data.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = data[r * cols + c];
      }
    }
    return t;
  }

  /** What {@code GPT2LMHeadModel} holds for this shape, in its own order. */
  static Map<String, long[]> expectedShapes(GptConfig c) {
    long d = c.dModel();
    Map<String, long[]> s = new LinkedHashMap<>();
    s.put("transformer.wte.weight", new long[] {c.vocabSize(), d});
    s.put("transformer.wpe.weight", new long[] {c.contextLength(), d});
    for (int i = 0; i < c.nLayer(); i++) {
      String h = "transformer.h." + i + ".";
      s.put(h + "ln_1.weight", new long[] {d});
      s.put(h + "ln_1.bias", new long[] {d});
      s.put(h + "attn.c_attn.weight", new long[] {d, 3 * d});
      s.put(h + "attn.c_attn.bias", new long[] {3 * d});
      s.put(h + "attn.c_proj.weight", new long[] {d, d});
      s.put(h + "attn.c_proj.bias", new long[] {d});
      s.put(h + "ln_2.weight", new long[] {d});
      s.put(h + "ln_2.bias", new long[] {d});
      s.put(h + "mlp.c_fc.weight", new long[] {d, 4 * d});
      s.put(h + "mlp.c_fc.bias", new long[] {4 * d});
      s.put(h + "mlp.c_proj.weight", new long[] {4 * d, d});
      s.put(h + "mlp.c_proj.bias", new long[] {d});
    }
    s.put("transformer.ln_f.weight", new long[] {d});
    s.put("transformer.ln_f.bias", new long[] {d});
    if (c.head() == GptConfig.HeadTying.UNTIED) {
      s.put("lm_head.weight", new long[] {c.vocabSize(), d});
    }
    return s;
  }

  static InputException refusal(String why) {
    return new InputException("cannot export as GPT-2: " + why);
  }
}
