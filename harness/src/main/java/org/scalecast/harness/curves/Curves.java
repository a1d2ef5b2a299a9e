package org.scalecast.harness.curves;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scalecast.results.CheckpointRecord;
import org.scalecast.results.Columns;

/**
 * A checkpoint record as TensorBoard scalars. Tags are grouped by a prefix, which TensorBoard shows
 * as one card per group: {@code loss/} (train and validation, nats/token), {@code bpb/}, {@code
 * task/}, {@code train/} (learning rate, throughput, tokens).
 */
public final class Curves {
  private Curves() {}

  /**
   * @param r a checkpoint's record
   * @return tag to value, non-finite values left out (TensorBoard would draw them as gaps anyway)
   */
  public static Map<String, Double> scalars(CheckpointRecord r) {
    Map<String, Double> s = new LinkedHashMap<>();
    put(s, "loss/train", r.trainLoss());
    r.valLoss().forEach((domain, v) -> put(s, "loss/val_" + domain, v));
    r.valBpb().forEach((domain, v) -> put(s, "bpb/val_" + domain, v));
    r.taskScores()
        .forEach(
            (k, v) ->
                put(s, k.equals(Columns.EVAL_SECONDS) ? "train/eval_seconds" : "task/" + k, v));
    put(s, "train/lr", r.lr());
    put(s, "train/tokens_per_second", r.tokensPerSecond());
    put(s, "train/tokens", (double) r.tokens());
    return s;
  }

  private static void put(Map<String, Double> s, String tag, Double v) {
    if (v != null && Double.isFinite(v)) {
      s.put(tag, v);
    }
  }
}
