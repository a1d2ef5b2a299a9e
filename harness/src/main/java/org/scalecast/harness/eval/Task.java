package org.scalecast.harness.eval;

import java.util.List;

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
    String name, int version, String domain, Kind kind, double chance, List<TaskItem> items) {

  /** How a task is scored. */
  public enum Kind {
    /** Pick the choice with the highest log-likelihood. */
    CHOICE,
    /** Greedy decoding must reproduce the single continuation exactly. */
    CLOZE
  }

  /** Copies the items. */
  public Task {
    items = List.copyOf(items);
  }

  /**
   * @param metric {@code acc}, {@code acc_norm}, {@code em}, {@code loss} or {@code bpb}
   * @return the column name, e.g. {@code text_cloze_v1_em}
   */
  public String column(String metric) {
    return name + "_v" + version + "_" + metric;
  }
}
