package org.scalecast.fit.flpm;

import java.util.List;
import org.scalecast.fit.flp.PredictSpec;

/**
 * What FLP-M fits: the share column r (the code share, {@code mix_code}), one loss column per
 * domain, and the tasks whose scores are mapped from those losses.
 *
 * @param share the column holding r
 * @param losses the domain loss columns, inputs of the score maps
 * @param tasks the tasks, with their chance levels
 * @param maps the score maps to compare per task
 */
public record MixtureSpec(
    String share, List<String> losses, List<PredictSpec.TaskSpec> tasks, List<ScoreMap.Kind> maps) {
  /** Copies. */
  public MixtureSpec {
    losses = List.copyOf(losses);
    tasks = List.copyOf(tasks);
    maps = List.copyOf(maps);
  }

  /**
   * Compares every kind of score map.
   *
   * @param share the column holding r
   * @param losses the domain loss columns
   * @param tasks the tasks
   */
  public MixtureSpec(String share, List<String> losses, List<PredictSpec.TaskSpec> tasks) {
    this(share, losses, tasks, List.of(ScoreMap.Kind.values()));
  }
}
