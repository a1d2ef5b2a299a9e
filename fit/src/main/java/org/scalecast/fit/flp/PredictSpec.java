package org.scalecast.fit.flp;

import java.util.List;
import java.util.Map;

/**
 * What {@code predict --config FIT.yaml} predicts, and from which rows. Nulls take defaults.
 *
 * @param targetWhere column to value conditions picking the target run (all must hold); default
 *     {@code role: target}; every other run is a sampling run
 * @param targetAt a planned target instead: {@code n_params} and {@code tokens}
 * @param losses loss columns to predict (default {@code val_loss_mix})
 * @param tasks task score columns to predict, each with its chance level and the loss column stage
 *     2 reads
 * @param margin emergence margin above chance (default 0.05, FLP's)
 * @param level interval coverage (default 0.95)
 */
public record PredictSpec(
    Map<String, String> targetWhere,
    Map<String, Double> targetAt,
    List<String> losses,
    List<TaskSpec> tasks,
    Double margin,
    Double level) {

  /**
   * @param score the score column, e.g. {@code code_next_line_v1_acc}
   * @param chance its chance level
   * @param loss the loss column stage 2 maps from (default {@code val_loss_mix})
   */
  public record TaskSpec(String score, Double chance, String loss) {
    /** Defaults. */
    public TaskSpec {
      loss = loss == null ? "val_loss_mix" : loss;
      chance = chance == null ? 0.0 : chance;
    }
  }

  /** Defaults and copies. */
  public PredictSpec {
    targetWhere = targetWhere == null ? Map.of() : Map.copyOf(targetWhere);
    targetAt = targetAt == null ? Map.of() : Map.copyOf(targetAt);
    losses = losses == null ? List.of("val_loss_mix") : List.copyOf(losses);
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    margin = margin == null ? 0.05 : margin;
    level = level == null ? 0.95 : level;
  }
}
