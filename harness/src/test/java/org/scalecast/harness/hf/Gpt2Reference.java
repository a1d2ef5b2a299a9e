package org.scalecast.harness.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * GPT-2's forward pass written from transformers' {@code modeling_gpt2} (Conv1D is {@code x @ W +
 * b} with W as [in, out]; c_attn's output splits into q, k, v in that order; heads are consecutive
 * slices of the width), reading only the exported files: tensors by GPT-2 name and config.json's
 * epsilon and activation. It shares no code with our model, so agreeing logits show that the names,
 * layouts and config mean what transformers will take them to mean.
 */
final class Gpt2Reference {
  private final Map<String, Safetensors.Tensor> w;
  private final NDManager m;
  private final int layers;
  private final int heads;
  private final double eps;
  private final String activation;

  Gpt2Reference(Map<String, Safetensors.Tensor> tensors, JsonNode config, NDManager m) {
    this.w = tensors;
    this.m = m;
    this.layers = config.get("n_layer").asInt();
    this.heads = config.get("n_head").asInt();
    this.eps = config.get("layer_norm_epsilon").asDouble();
    this.activation = config.get("activation_function").asText();
  }

  private NDArray t(String name) {
    Safetensors.Tensor x = w.get(name);
    if (x == null) {
      throw new IllegalArgumentException("no tensor " + name);
    }
    return m.create(x.data(), new Shape(x.shape()));
  }

  /** Logits (B, T, V) for token ids (B, T). */
  NDArray logits(long[][] ids) {
    NDArray x = embed(ids);
    for (int i = 0; i < layers; i++) {
      String h = "transformer.h." + i + ".";
      x = x.add(attention(norm(x, h + "ln_1"), h + "attn."));
      x = x.add(mlp(norm(x, h + "ln_2"), h + "mlp."));
    }
    x = norm(x, "transformer.ln_f");
    NDArray head =
        w.containsKey("lm_head.weight") ? t("lm_head.weight") : t("transformer.wte.weight");
    return x.matMul(head.transpose());
  }

  /** wte[id] + wpe[position], gathered in plain Java. */
  private NDArray embed(long[][] ids) {
    Safetensors.Tensor wte = w.get("transformer.wte.weight");
    Safetensors.Tensor wpe = w.get("transformer.wpe.weight");
    int c = (int) wte.shape()[1];
    int b = ids.length;
    int n = ids[0].length;
    float[] out = new float[b * n * c];
    for (int i = 0; i < b; i++) {
      for (int p = 0; p < n; p++) {
        for (int j = 0; j < c; j++) {
          out[(i * n + p) * c + j] = wte.data()[(int) ids[i][p] * c + j] + wpe.data()[p * c + j];
        }
      }
    }
    return m.create(out, new Shape(b, n, c));
  }

  private NDArray norm(NDArray x, String prefix) {
    NDArray mu = x.mean(new int[] {-1}, true);
    NDArray d = x.sub(mu);
    NDArray var = d.square().mean(new int[] {-1}, true);
    return d.div(var.add(eps).sqrt()).mul(t(prefix + ".weight")).add(t(prefix + ".bias"));
  }

  private NDArray conv1d(NDArray x, String prefix) {
    return x.matMul(t(prefix + ".weight")).add(t(prefix + ".bias"));
  }

  private NDArray attention(NDArray x, String prefix) {
    long b = x.getShape().get(0);
    long n = x.getShape().get(1);
    long c = x.getShape().get(2);
    long s = c / heads;
    NDArray qkv = conv1d(x, prefix + "c_attn");
    NDArray q = qkv.get(":, :, 0:" + c).reshape(b, n, heads, s).transpose(0, 2, 1, 3);
    NDArray k = qkv.get(":, :, " + c + ":" + 2 * c).reshape(b, n, heads, s).transpose(0, 2, 1, 3);
    NDArray v = qkv.get(":, :, " + 2 * c + ":").reshape(b, n, heads, s).transpose(0, 2, 1, 3);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(Math.sqrt(s));
    float[] mask = new float[(int) (n * n)];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        mask[(int) (i * n + j)] = Float.NEGATIVE_INFINITY;
      }
    }
    NDArray att = scores.add(m.create(mask, new Shape(n, n))).softmax(-1);
    NDArray y = att.matMul(v).transpose(0, 2, 1, 3).reshape(b, n, c);
    return conv1d(y, prefix + "c_proj");
  }

  private NDArray mlp(NDArray x, String prefix) {
    NDArray h = conv1d(x, prefix + "c_fc");
    if (activation.equals("gelu")) { // erf form
      h = h.mul(h.div(Math.sqrt(2)).erf().add(1)).mul(0.5);
    } else {
      throw new IllegalArgumentException("reference has no activation " + activation);
    }
    return conv1d(h, prefix + "c_proj");
  }
}
