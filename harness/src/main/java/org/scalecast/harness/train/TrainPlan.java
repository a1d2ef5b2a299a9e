package org.scalecast.harness.train;

import java.util.Map;
import org.scalecast.models.GptConfig;

/**
 * What {@link TrainingRun} needs of a run, resolved by the sweep ({@code sweep.RunSpec#plan()}):
 * the training package knows nothing of sweeps.
 *
 * @param runId the run's id
 * @param seed model initialisation and data order
 * @param model the model shape
 * @param tokenBudget training tokens D
 * @param steps optimizer steps
 * @param mixture domain weights
 * @param train optimisation settings
 * @param evalWindows validation windows per domain
 * @param evalBatchSize windows (or task sequences) per evaluation batch
 * @param evalAt sorted 1-based steps at which to evaluate and save
 */
public record TrainPlan(
    String runId,
    long seed,
    GptConfig model,
    long tokenBudget,
    long steps,
    Map<String, Double> mixture,
    TrainSettings train,
    int evalWindows,
    int evalBatchSize,
    long[] evalAt) {

  /** Copies the mixture (in its order: the mixed loss sums in it) and the schedule. */
  public TrainPlan {
    mixture = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mixture));
    evalAt = evalAt.clone();
  }

  /**
   * @return tokens per step
   */
  public long tokensPerStep() {
    return (long) train.batchSize() * model.contextLength();
  }

  /**
   * @param step a step
   * @return whether the run evaluates and saves at it
   */
  public boolean evaluatesAt(long step) {
    return java.util.Arrays.binarySearch(evalAt, step) >= 0;
  }
}
