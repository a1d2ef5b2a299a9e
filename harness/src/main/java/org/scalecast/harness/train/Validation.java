package org.scalecast.harness.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scalecast.harness.data.DomainTokens;
import org.scalecast.harness.data.Tokenizer;
import org.scalecast.models.LanguageModelLoss;
import org.scalecast.results.Columns;

/**
 * Validation loss per domain on fixed windows: {@code windows} evenly spaced windows of T + 1
 * tokens in each domain's validation stream, the same at every checkpoint of every run that uses
 * the same data (nanoGPT's {@code estimate_loss}, without the resampling). Bits per byte divide the
 * summed nats by ln 2 and by the UTF-8 bytes of the predicted tokens.
 */
public final class Validation {
  private final Map<String, long[][]> windows = new LinkedHashMap<>();
  private final Map<String, Long> bytes = new LinkedHashMap<>();
  private final int batch;

  /**
   * @param domains tokenized domains
   * @param tokenizer their tokenizer
   * @param contextLength T
   * @param count windows per domain
   * @param batch windows per forward pass
   */
  public Validation(
      Map<String, DomainTokens> domains,
      Tokenizer tokenizer,
      int contextLength,
      int count,
      int batch) {
    this.batch = batch;
    int w = contextLength + 1;
    for (DomainTokens d : domains.values()) {
      char[] s = d.validation();
      int n = (int) Math.min(count, Math.max(1, s.length - w + 1));
      long[][] win = new long[n][w];
      long b = 0;
      for (int k = 0; k < n; k++) {
        int off = n == 1 ? 0 : (int) ((long) k * (s.length - w) / (n - 1));
        for (int i = 0; i < w && off + i < s.length; i++) {
          win[k][i] = s[off + i];
          b += i > 0 ? tokenizer.byteLength(s[off + i]) : 0;
        }
      }
      windows.put(d.name(), win);
      bytes.put(d.name(), b);
    }
  }

  /**
   * @param losses nats per token by domain
   * @param bitsPerByte bits per byte by domain
   */
  public record Result(Map<String, Double> losses, Map<String, Double> bitsPerByte) {}

  /**
   * @param model the model (evaluated without gradients)
   * @param manager a manager for temporaries
   * @param mixture domain weights, for the {@code mix} entry
   * @return per-domain and mixture losses
   */
  public Result evaluate(Block model, NDManager manager, Map<String, Double> mixture) {
    Map<String, Double> loss = new LinkedHashMap<>();
    Map<String, Double> bpb = new LinkedHashMap<>();
    double mixLoss = 0;
    double mixBpb = 0;
    for (Map.Entry<String, long[][]> e : windows.entrySet()) {
      double nats = 0;
      long count = 0;
      long[][] win = e.getValue();
      for (int start = 0; start < win.length; start += batch) {
        int n = Math.min(batch, win.length - start);
        try (NDScope scope = new NDScope();
            NDManager m = manager.newSubManager()) {
          long[] flat = new long[n * win[0].length];
          for (int k = 0; k < n; k++) {
            System.arraycopy(win[start + k], 0, flat, k * win[0].length, win[0].length);
          }
          NDArray all = m.create(flat, new Shape(n, win[0].length)); // (N, T + 1)
          NDArray x = all.get(":, :-1");
          NDArray y = all.get(":, 1:");
          NDArray logits =
              model.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
          nats += LanguageModelLoss.perToken(logits, y).sum().getFloat();
          count += y.size();
        }
      }
      double l = nats / count;
      double b = nats / Math.log(2) / bytes.get(e.getKey());
      loss.put(e.getKey(), l);
      bpb.put(e.getKey(), b);
      double w = mixture.getOrDefault(e.getKey(), 0.0);
      mixLoss += w * l;
      mixBpb += w * b;
    }
    loss.put(Columns.MIX_DOMAIN, mixLoss);
    bpb.put(Columns.MIX_DOMAIN, mixBpb);
    return new Result(loss, bpb);
  }
}
