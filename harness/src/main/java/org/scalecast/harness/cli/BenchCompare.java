package org.scalecast.harness.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.scalecast.fit.io.FitFile;
import org.scalecast.harness.sweep.ModelSizes;
import org.scalecast.harness.train.BenchRecord;
import org.scalecast.models.Flops;
import org.scalecast.models.GptConfig;
import org.scalecast.models.ParameterCount;
import org.scalecast.results.InputException;

/**
 * {@code bench --compare}: scalecast's bench beside a PyTorch peer's line at the same shape, and
 * the ratio of their throughputs (above 1: scalecast is faster).
 *
 * @param peer the peer's measurement
 * @param scalecast scalecast's, at the same shape
 * @param threads scalecast's intra-op threads (the engine's, not the cores)
 */
@JsonPropertyOrder({"peer", "scalecast", "threads", "ratio"})
record BenchCompare(PeerRun peer, BenchRecord scalecast, int threads) {

  /**
   * The peer's line carries no shape: its parameter count and FLOPs per token must be this shape's,
   * or the comparison would be between different models.
   *
   * @param peer the peer's measurement
   * @param c scalecast's shape
   * @throws InputException naming the file, the key and both values when they differ
   */
  static void check(PeerRun peer, GptConfig c) {
    long n = ParameterCount.nonEmbedding(c);
    String shape = ModelSizes.name(c.dModel(), c.nLayer(), c.nHead());
    if (peer.nParams() != n) {
      throw new InputException(
          String.format(
              Locale.ROOT,
              "%s: n_params %d is not %s's %d: give the peer's --d, --layers, --heads as"
                  + " --d-model, --n-layer, --n-head",
              peer.file(),
              peer.nParams(),
              shape,
              n));
    }
    double fpt = Flops.perToken(c, Flops.Convention.SIX_N_ATTENTION);
    if (!Double.isNaN(peer.flopsPerToken()) && Math.abs(peer.flopsPerToken() - fpt) > 0.5) {
      throw new InputException(
          String.format(
              Locale.ROOT,
              "%s: flops_per_token %.0f is not %.0f (%s, context %d, vocabulary %d): give the"
                  + " peer's --context and --vocab as --context-length and --vocab-size",
              peer.file(),
              peer.flopsPerToken(),
              fpt,
              shape,
              c.contextLength(),
              c.vocabSize()));
    }
  }

  /**
   * @return scalecast's tokens/s over the peer's
   */
  public double ratio() {
    return scalecast.tokensPerSecond() / peer.tokensPerSecond();
  }

  /**
   * @param w where to print
   * @param json one JSON object instead of the table
   * @throws Exception when JSON cannot be written
   */
  void print(PrintWriter w, boolean json) throws Exception {
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("file", peer.file().toString());
      p.put("engine", peer.engine());
      p.put("threads", peer.threads());
      p.put("n_params", peer.nParams());
      p.put("tokens_per_second", peer.tokensPerSecond());
      p.put("each_tokens_per_second", peer.each());
      o.put("peer", p);
      o.put("scalecast", scalecast);
      o.put("threads", threads);
      o.put("ratio", ratio());
      w.println(FitFile.JSON.writeValueAsString(o));
      return;
    }
    BenchRecord.Shape s = scalecast.model();
    w.printf(
        Locale.ROOT,
        "shape %s, T %d, B %d, V %d (N %,d); threads: scalecast %d, peer %s%n",
        ModelSizes.name(s.dModel(), s.nLayer(), s.nHead()),
        s.contextLength(),
        s.batchSize(),
        s.vocabSize(),
        scalecast.nParams(),
        threads,
        peer.threads() == null ? "not given" : peer.threads());
    String peerName =
        peer.engine()
            + " ("
            + peer.file().getFileName()
            + (peer.each().size() > 1 ? ", median of " + peer.each().size() + " lines" : "")
            + ")";
    w.printf(Locale.ROOT, "%-44s %12s %10s%n", "", "tokens/s", "GFLOP/s");
    w.printf(
        Locale.ROOT,
        "%-44s %,12.1f %10.2f%n",
        peerName,
        peer.tokensPerSecond(),
        peer.tokensPerSecond() * scalecast.flopsPerToken() / 1e9);
    w.printf(
        Locale.ROOT,
        "%-44s %,12.1f %10.2f%n",
        "scalecast (" + scalecast.engine() + ")",
        scalecast.tokensPerSecond(),
        scalecast.achievedFlops() / 1e9);
    w.printf(Locale.ROOT, "%-44s %12.3f%n", "ratio scalecast / peer", ratio());
  }
}
