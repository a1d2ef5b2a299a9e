package org.scalecast.harness.sweep;

import java.io.PrintWriter;
import org.scalecast.harness.train.Progress;

/** One line per checkpoint: progress, throughput, smoothed loss and the time left. */
final class ProgressBar implements Progress {
  private final PrintWriter log;
  private final String label;

  ProgressBar(PrintWriter log, String label) {
    this.log = log;
    this.label = label;
  }

  @Override
  public void update(
      String runId, long step, long steps, double tokensPerSecond, double trainLoss, double eta) {
    int width = 20;
    int filled = (int) (width * step / Math.max(1, steps));
    log.printf(
        "%s%s [%s%s] %3d%% step %d/%d  %.0f tok/s  loss %.3f  ETA %d:%02d%n",
        label,
        runId,
        "#".repeat(filled),
        ".".repeat(width - filled),
        100 * step / Math.max(1, steps),
        step,
        steps,
        tokensPerSecond,
        trainLoss,
        (long) eta / 60,
        (long) eta % 60);
    log.flush();
  }

  @Override
  public void note(String runId, String line) {
    log.printf("%s%s: %s%n", label, runId, line);
    log.flush();
  }
}
