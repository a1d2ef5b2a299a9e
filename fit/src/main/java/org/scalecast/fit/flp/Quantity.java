package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.List;
import org.scalecast.results.QuantityKind;

/**
 * A quantity of the target to predict: a column of the results table, what it is, and for a task
 * score the task it belongs to.
 *
 * @param column the column, e.g. {@code val_loss_mix} or {@code code_next_line_v1_acc}
 * @param family which methods predict it
 * @param task the task, for {@link Family#TASK} only; null otherwise
 */
public record Quantity(String column, Family family, PredictSpec.TaskSpec task) {

  /** The quantity Gadre et al.'s chain predicts: 1 - the mean of the configured task scores. */
  public static final String MEAN_ERROR = "mean_error";

  /**
   * The mean of the tasks' own losses, which the {@value #MEAN_ERROR} chains map from when every
   * task has one (a column of its own, not a configured domain loss): {@link
   * TargetPredictor#taskLosses}.
   */
  public static final String MEAN_TASK_LOSS = "mean_task_loss";

  /** Which methods apply: each {@link PredictionMethod} predicts one family. */
  public enum Family {
    /** A loss column of {@link PredictSpec#losses()}. */
    LOSS,
    /** A task score of {@link PredictSpec#tasks()}. */
    TASK,
    /** {@value #MEAN_ERROR}, 1 - the mean task score. */
    MEAN_ERROR
  }

  /**
   * @return a loss for {@link Family#LOSS}, a score (bounded to [0, 1]) otherwise
   */
  public QuantityKind kind() {
    return family == Family.LOSS ? QuantityKind.LOSS : QuantityKind.SCORE;
  }

  /**
   * @param spec what to predict
   * @param meanError whether the table has {@value #MEAN_ERROR}
   * @return the quantities in row order: losses, tasks, then the mean error
   */
  static List<Quantity> of(PredictSpec spec, boolean meanError) {
    List<Quantity> out = new ArrayList<>();
    spec.losses().forEach(l -> out.add(new Quantity(l, Family.LOSS, null)));
    spec.tasks().forEach(t -> out.add(new Quantity(t.score(), Family.TASK, t)));
    if (meanError) {
      out.add(new Quantity(MEAN_ERROR, Family.MEAN_ERROR, null));
    }
    return out;
  }
}
