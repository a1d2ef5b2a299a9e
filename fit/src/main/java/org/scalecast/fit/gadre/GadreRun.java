package org.scalecast.fit.gadre;

import java.util.List;
import java.util.Map;

/**
 * One trained model of the Gadre et al. testbed.
 *
 * @param name file stem, e.g. {@code rpj-d=96_l=8_h=4-1.0}
 * @param dataset training set key ({@code c4_original}, {@code rpj}, {@code rw_original})
 * @param model model key, e.g. {@code d=96_l=8_h=4} or {@code open_lm_1b}
 * @param n parameters N, embeddings included ({@code hyperparameters.params})
 * @param d training tokens D
 * @param multiplier Chinchilla multiplier; tokens per parameter M = 20 x this
 * @param loss the {@code c4_val} validation loss
 * @param accuracy downstream accuracy per task
 */
public record GadreRun(
    String name,
    String dataset,
    String model,
    double n,
    double d,
    double multiplier,
    double loss,
    Map<String, Double> accuracy) {

  /**
   * @return tokens per parameter, 20 x the Chinchilla multiplier
   */
  public double m() {
    return 20 * multiplier;
  }

  /**
   * @param tasks task names
   * @return mean top-1 error (1 - accuracy) over them
   */
  public double meanError(List<String> tasks) {
    return tasks.stream().mapToDouble(t -> 1 - accuracyOf(t)).average().orElseThrow();
  }

  /** A task's accuracy; a run without it was a NullPointerException (a bad-input hunt). */
  private double accuracyOf(String task) {
    Double a = accuracy.get(task);
    if (a == null) {
      throw new org.scalecast.results.InputException(
          "run " + name + ": its evaluation file has no accuracy for task '" + task + "'");
    }
    return a;
  }
}
