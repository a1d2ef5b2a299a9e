package org.scalecast.harness.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.scalecast.results.CheckpointRecord;
import org.scalecast.results.Columns;

/**
 * Where a run's wall time went, for {@code bench sweep}: training (from each checkpoint's
 * throughput, which is timed between checkpoints and so leaves evaluation and saving out), the
 * checkpoints' evaluations (validation and tasks, each record's {@code eval_seconds}), and the rest
 * (saving weights and state, model set-up, and a child's JVM start).
 *
 * @param runId the run
 * @param model its size
 * @param threads the intra-op threads it trained with
 * @param steps optimizer steps
 * @param tokens training tokens
 * @param checkpoints records written
 * @param wallSeconds the run's wall time as the sweep timed it
 * @param trainSeconds seconds in training steps
 * @param evalSeconds seconds in checkpoint evaluations
 */
@JsonPropertyOrder({
  "run_id",
  "model",
  "threads",
  "steps",
  "tokens",
  "checkpoints",
  "wall_seconds",
  "train_seconds",
  "eval_seconds",
  "tokens_per_second",
  "train_tokens_per_second",
  "eval_share",
  "other_share"
})
public record RunTiming(
    String runId,
    String model,
    String threads,
    long steps,
    long tokens,
    int checkpoints,
    double wallSeconds,
    double trainSeconds,
    double evalSeconds) {

  /**
   * @param spec the run
   * @param threads its threads, as its run.json records them
   * @param records its checkpoint records, in order
   * @param wallSeconds its wall time
   * @return the split
   */
  public static RunTiming of(
      RunSpec spec, String threads, List<CheckpointRecord> records, double wallSeconds) {
    double train = 0;
    double eval = 0;
    long before = 0;
    long tokens = 0;
    for (CheckpointRecord r : records) {
      if (r.tokensPerSecond() > 0) {
        train += (r.tokens() - before) / r.tokensPerSecond();
      }
      Double e = r.taskScores() == null ? null : r.taskScores().get(Columns.EVAL_SECONDS);
      eval += e == null ? 0 : e;
      before = r.tokens();
      tokens = r.tokens();
    }
    return new RunTiming(
        spec.runId(),
        spec.size(),
        threads,
        spec.steps(),
        tokens,
        records.size(),
        wallSeconds,
        train,
        eval);
  }

  /**
   * @return tokens over the whole wall time
   */
  @JsonProperty("tokens_per_second")
  public double tokensPerSecond() {
    return tokens / wallSeconds;
  }

  /**
   * @return tokens over the training steps' time only
   */
  @JsonProperty("train_tokens_per_second")
  public double trainTokensPerSecond() {
    return trainSeconds > 0 ? tokens / trainSeconds : Double.NaN;
  }

  /**
   * @return the share of the wall time in evaluations
   */
  @JsonProperty("eval_share")
  public double evalShare() {
    return evalSeconds / wallSeconds;
  }

  /**
   * @return the share in neither training steps nor evaluations
   */
  @JsonProperty("other_share")
  public double otherShare() {
    return Math.max(0, 1 - (trainSeconds + evalSeconds) / wallSeconds);
  }
}
