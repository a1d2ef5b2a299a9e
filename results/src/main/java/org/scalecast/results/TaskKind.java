package org.scalecast.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a downstream task is scored, and so which metric is its main score. */
public enum TaskKind {
  /** Pick the choice with the highest log-likelihood; main score accuracy. */
  CHOICE(TaskMetric.ACC),
  /** Greedy decoding must reproduce the continuation exactly; main score exact match. */
  CLOZE(TaskMetric.EM);

  private final TaskMetric main;

  TaskKind(TaskMetric main) {
    this.main = main;
  }

  /**
   * @return the metric a prediction targets
   */
  public TaskMetric mainMetric() {
    return main;
  }

  /**
   * @return the name in manifests
   */
  @JsonValue
  public String key() {
    return EnumKeys.key(this);
  }

  /**
   * @param key a name from a manifest
   * @return the kind
   * @throws InputException naming the allowed kinds
   */
  @JsonCreator
  public static TaskKind of(String key) {
    return EnumKeys.parse(TaskKind.class, key, "task kind");
  }
}
