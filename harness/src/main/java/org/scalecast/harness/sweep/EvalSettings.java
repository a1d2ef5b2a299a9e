package org.scalecast.harness.sweep;

/**
 * When and how checkpoints are evaluated. Nulls take {@link #defaults()}.
 *
 * @param checkpoints evenly spaced evaluations over the run (the last is the final step)
 * @param logSpaced extra log-spaced evaluations before the first even one, for the early curve
 * @param windows validation windows per domain, fixed for the whole sweep
 * @param batchSize windows per evaluation batch
 */
public record EvalSettings(
    Integer checkpoints, Integer logSpaced, Integer windows, Integer batchSize) {

  /** Fills nulls with the defaults. */
  public EvalSettings {
    checkpoints = checkpoints == null ? 10 : checkpoints;
    logSpaced = logSpaced == null ? 4 : logSpaced;
    windows = windows == null ? 64 : windows;
    batchSize = batchSize == null ? 32 : batchSize;
    SweepConfig.require(checkpoints >= 1, "eval.checkpoints must be >= 1");
    SweepConfig.require(logSpaced >= 0, "eval.log_spaced must be >= 0");
    SweepConfig.require(windows >= 1, "eval.windows must be >= 1");
  }

  /**
   * @return every default
   */
  public static EvalSettings defaults() {
    return new EvalSettings(null, null, null, null);
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
