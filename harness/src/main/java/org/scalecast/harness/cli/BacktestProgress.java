package org.scalecast.harness.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.scalecast.fit.flp.Coverage;

/**
 * Says on standard error, at most every {@link #EVERY_NANOS} and at the first run, which run the
 * backtest predicts: 100 runs x 50 checkpoints took minutes without a word (a bad-input hunt,
 * twentieth session).
 */
final class BacktestProgress implements Coverage.Progress {
  /** The quiet time between two lines. */
  static final long EVERY_NANOS = 10_000_000_000L;

  private final PrintWriter err;
  private final long start = System.nanoTime();
  private long last = Long.MIN_VALUE;

  /**
   * @param err where the lines go
   */
  BacktestProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void next(String run, int k, int n) {
    long now = System.nanoTime();
    if (last != Long.MIN_VALUE && now - last < EVERY_NANOS) {
      return;
    }
    last = now;
    err.printf(
        Locale.ROOT,
        "scalecast: backtest: predicting run %d of %d (%s), %.0f s so far%n",
        k,
        n,
        run,
        (now - start) / 1e9);
    err.flush();
  }
}
