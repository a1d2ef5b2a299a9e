package org.scalecast.harness.sweep;

/**
 * When and how checkpoints are evaluated. Nulls take {@link #defaults()}.
 *
 * @param checkpoints evenly spaced evaluations over the run (the last is the final step)
 * @param logSpaced extra log-spaced evaluations before the first even one, for the early curve
 * @param windows validation windows per domain, fixed for the whole sweep
 * @param batchSize windows (or task sequences) per evaluation batch
 * @param tasks built-in downstream tasks scored at every checkpoint (default: all; [] for none)
 * @param taskItems items per built-in task
 * @param taskFiles user tasks: name to a JSONL file of {context, choices, gold} lines
 */
public record EvalSettings(
    Integer checkpoints,
    Integer logSpaced,
    Integer windows,
    Integer batchSize,
    java.util.List<String> tasks,
    Integer taskItems,
    java.util.Map<String, String> taskFiles) {

  /** Fills nulls with the defaults. */
  public EvalSettings {
    checkpoints = checkpoints == null ? 10 : checkpoints;
    logSpaced = logSpaced == null ? 4 : logSpaced;
    windows = windows == null ? 64 : windows;
    batchSize = batchSize == null ? 32 : batchSize;
    tasks = tasks == null ? org.scalecast.harness.eval.Tasks.names() : java.util.List.copyOf(tasks);
    taskItems = taskItems == null ? 64 : taskItems;
    taskFiles = taskFiles == null ? java.util.Map.of() : new java.util.TreeMap<>(taskFiles);
    for (String t : tasks) {
      SweepConfig.require(
          org.scalecast.harness.eval.Tasks.contains(t),
          "eval.tasks: unknown task '"
              + t
              + "' (known: "
              + String.join(", ", org.scalecast.harness.eval.Tasks.names())
              + ")");
    }
    SweepConfig.require(taskItems >= 1, "eval.task_items must be >= 1");
    SweepConfig.require(checkpoints >= 1, "eval.checkpoints must be >= 1");
    SweepConfig.require(logSpaced >= 0, "eval.log_spaced must be >= 0");
    SweepConfig.require(windows >= 1, "eval.windows must be >= 1");
  }

  /**
   * @return every default
   */
  public static EvalSettings defaults() {
    return new EvalSettings(null, null, null, null, null, null, null);
  }

  /**
   * @param steps steps in the run
   * @return sorted distinct 1-based steps at which to evaluate, always including the last
   */
  public long[] schedule(long steps) {
    java.util.TreeSet<Long> at = new java.util.TreeSet<>();
    for (int k = 1; k <= checkpoints; k++) {
      at.add(Math.max(1, Math.round((double) steps * k / checkpoints)));
    }
    long first = at.first();
    for (int j = 1; j <= logSpaced; j++) {
      at.add(Math.max(1, Math.round(first * Math.pow(2, -j))));
    }
    return at.stream().mapToLong(Long::longValue).filter(s -> s <= steps).toArray();
  }
}
