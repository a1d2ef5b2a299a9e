package org.scalecast.harness.eval;

import java.util.List;
import org.scalecast.results.Columns;
import org.scalecast.results.RunManifest;
import org.scalecast.results.TaskKind;
import org.scalecast.results.TaskMetric;

/**
 * A versioned task. A changed definition gets a new version, and the version is part of every
 * column name, so numbers under one name never silently change meaning.
 *
 * @param name task name, e.g. {@code text_cloze}
 * @param version definition version
 * @param domain the domain its items come from (or {@code file} for JSONL tasks)
 * @param kind multiple choice or cloze
 * @param chance accuracy of guessing (1 / choices; 0 for cloze exact match)
 * @param items the items
 */
public record Task(
    String name, int version, String domain, TaskKind kind, double chance, List<TaskItem> items) {

  /** Copies the items. */
  public Task {
    items = List.copyOf(items);
  }

  /**
   * @param metric a metric
   * @return the column name, e.g. {@code text_cloze_v1_em} ({@link Columns#task})
   */
  public String column(TaskMetric metric) {
    return Columns.task(name, version, metric);
  }

  /**
   * @return the task as a run manifest lists it
   */
  public RunManifest.TaskInfo info() {
    return new RunManifest.TaskInfo(name, version, domain, kind, items.size(), chance);
  }
}
