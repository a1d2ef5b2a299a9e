package org.scalecast.harness.train;

/**
 * What {@code status.json} says about a run.
 *
 * @param state pending, running, done, diverged or failed
 * @param step steps done
 * @param steps steps in total
 * @param message why it diverged or failed, else empty
 * @param pid the process that last wrote it
 * @param updatedAt when (ISO-8601)
 */
public record RunStatus(
    String state, long step, long steps, String message, long pid, String updatedAt) {
  /** Run states. */
  public static final String PENDING = "pending";

  /** Being trained by a live process. */
  public static final String RUNNING = "running";

  /** Finished. */
  public static final String DONE = "done";

  /** Stopped on a NaN or exploding loss. */
  public static final String DIVERGED = "diverged";

  /** Stopped on an error. */
  public static final String FAILED = "failed";
}
