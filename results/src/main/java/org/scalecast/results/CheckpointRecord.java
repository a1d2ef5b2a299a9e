package org.scalecast.results;

import java.util.Map;

/**
 * One evaluation of a run at a checkpoint: a line of {@code records.jsonl}, a row of the results
 * table. Names are the table's columns in snake_case. Losses are in nats per token and bits per
 * byte, so runs with different tokenizers compare.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param runId the run
 * @param step optimizer steps done
 * @param tokens training tokens seen, D
 * @param fracOfBudget tokens / token budget
 * @param flops training FLOPs 6*N*D, N the non-embedding parameters (Kaplan et al. 2020)
 * @param flopsAttention training FLOPs with the head and attention counted (nanoGPT estimate_mfu)
 * @param lr learning rate of the last step
 * @param trainLoss smoothed training loss (bias-corrected EMA, nats/token)
 * @param valLoss validation loss per domain and {@code mix} (mixture-weighted), nats/token
 * @param valBpb the same in bits per byte
 * @param tokensByDomain training tokens seen per domain
 * @param taskScores downstream scores by column name (empty until evaluations are configured)
 * @param wallSeconds training wall time so far, resumed segments added up
 * @param tokensPerSecond training throughput since the previous record
 * @param isFinal whether this is the run's last record
 */
public record CheckpointRecord(
    int schemaVersion,
    String runId,
    long step,
    long tokens,
    double fracOfBudget,
    double flops,
    double flopsAttention,
    double lr,
    double trainLoss,
    Map<String, Double> valLoss,
    Map<String, Double> valBpb,
    Map<String, Long> tokensByDomain,
    Map<String, Double> taskScores,
    double wallSeconds,
    double tokensPerSecond,
    boolean isFinal) {

  /** Version of the record and table layout. */
  public static final int SCHEMA_VERSION = 1;
}
