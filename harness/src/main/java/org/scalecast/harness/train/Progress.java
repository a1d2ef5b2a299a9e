package org.scalecast.harness.train;

/** Receives training progress, for a progress bar or a log. */
public interface Progress {
  /**
   * @param runId the run
   * @param step steps done
   * @param steps steps in total
   * @param tokensPerSecond recent throughput
   * @param trainLoss smoothed training loss
   * @param etaSeconds estimated seconds left at that throughput
   */
  void update(
      String runId,
      long step,
      long steps,
      double tokensPerSecond,
      double trainLoss,
      double etaSeconds);

  /**
   * A one-line notice about the run (a repaired file, a changed thread count); ignored by default.
   *
   * @param runId the run
   * @param line what to say
   */
  default void note(String runId, String line) {}

  /** Ignores progress. */
  Progress NONE = (r, s, n, t, l, e) -> {};
}
