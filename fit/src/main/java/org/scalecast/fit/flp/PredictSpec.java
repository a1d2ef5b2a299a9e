package org.scalecast.fit.flp;

import java.util.List;
import java.util.Map;
import org.scalecast.results.Columns;

/**
 * What {@code predict --config FIT.yaml} predicts, and from which rows. Nulls take defaults.
 *
 * @param targetWhere column to value conditions picking the target run (all must hold); default
 *     {@code role: target}; every other run is a sampling run
 * @param targetAt a planned target instead: {@code n_params} and {@code tokens}
 * @param losses loss columns to predict (default {@code val_loss_mix})
 * @param tasks task score columns to predict ({@link org.scalecast.results.QuantityKind#SCORE}),
 *     each with its chance level and the loss column stage 2 reads; losses are {@link
 *     org.scalecast.results.QuantityKind#LOSS}
 * @param margin emergence margin above chance (default 0.05, FLP's)
 * @param level interval coverage (default 0.95)
 * @param extraMethods methods run on request besides the default ones ({@link
 *     PredictionMethods#names()}, e.g. {@code chinchilla+sigmoid}); default none
 * @param prepare how checkpoints are prepared for the task chains and loss fits ({@link
 *     Preparation}); default none
 */
public record PredictSpec(
    Map<String, String> targetWhere,
    Map<String, Double> targetAt,
    List<String> losses,
    List<TaskSpec> tasks,
    Double margin,
    Double level,
    List<String> extraMethods,
    Preparation prepare) {

  /**
   * A spec with the default methods and no preparation.
   *
   * @param targetWhere target conditions
   * @param targetAt planned target
   * @param losses loss columns
   * @param tasks tasks
   * @param margin emergence margin
   * @param level interval coverage
   */
  public PredictSpec(
      Map<String, String> targetWhere,
      Map<String, Double> targetAt,
      List<String> losses,
      List<TaskSpec> tasks,
      Double margin,
      Double level) {
    this(targetWhere, targetAt, losses, tasks, margin, level, null, null);
  }

  /**
   * @param score the score column, e.g. {@code code_next_line_v1_acc}
   * @param chance its chance level, or null when not given: then the run manifests' task definition
   *     gives it, and without one the prediction is refused (there is no default: a wrong chance
   *     level silently moves the emergence threshold and the direct method)
   * @param loss the loss column stage 2 maps from (default {@code val_loss_mix})
   */
  public record TaskSpec(String score, Double chance, String loss) {
    /** Defaults. */
    public TaskSpec {
      loss = loss == null ? Columns.valLoss(Columns.MIX_DOMAIN) : loss;
    }

    /**
     * @return the chance level
     * @throws org.scalecast.results.InputException naming the task and the config key to add when
     *     none was given
     */
    public double chanceLevel() {
      if (chance == null) {
        throw new org.scalecast.results.InputException(
            "task "
                + score
                + " has no chance level: add 'chance:' to its entry under 'tasks:' in the"
                + " prediction config");
      }
      return chance;
    }
  }

  /** Defaults and copies. */
  public PredictSpec {
    targetWhere = targetWhere == null ? Map.of() : Map.copyOf(targetWhere);
    targetAt = targetAt == null ? Map.of() : Map.copyOf(targetAt);
    losses = losses == null ? List.of(Columns.valLoss(Columns.MIX_DOMAIN)) : List.copyOf(losses);
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    margin = margin == null ? 0.05 : margin;
    level = level == null ? 0.95 : level;
    extraMethods = extraMethods == null ? List.of() : List.copyOf(extraMethods);
    for (String m : extraMethods) {
      if (!PredictionMethods.names().contains(m)) {
        throw new org.scalecast.results.InputException(
            "extra_methods: unknown prediction method '"
                + m
                + "' (known: "
                + String.join(", ", PredictionMethods.names())
                + ")");
      }
    }
    prepare = prepare == null ? Preparation.NONE : prepare;
  }

  /**
   * @param withTasks the tasks
   * @return this spec with those tasks
   */
  public PredictSpec withTasks(List<TaskSpec> withTasks) {
    return new PredictSpec(
        targetWhere, targetAt, losses, withTasks, margin, level, extraMethods, prepare);
  }

  /**
   * @param withLevel the interval coverage
   * @return this spec at that coverage
   */
  public PredictSpec withLevel(double withLevel) {
    return new PredictSpec(
        targetWhere, targetAt, losses, tasks, margin, withLevel, extraMethods, prepare);
  }
}
