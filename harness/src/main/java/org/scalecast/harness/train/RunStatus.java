package org.scalecast.harness.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.scalecast.results.EnumKeys;
import org.scalecast.results.InputException;

/**
 * What {@code status.json} says about a run. The file keeps its first format: the state is written
 * as its lower-case name ({@code "done"}), so folders written before the enum read unchanged.
 *
 * @param state where the run stands
 * @param step steps done
 * @param steps steps in total
 * @param message why it diverged or failed, else empty
 * @param pid the process that last wrote it
 * @param updatedAt when (ISO-8601)
 */
public record RunStatus(
    State state, long step, long steps, String message, long pid, String updatedAt) {

  /** A run's states. */
  public enum State {
    /** Not started, or its status is missing or unreadable. */
    PENDING,
    /** Being trained by a live process (or interrupted: its process is gone). */
    RUNNING,
    /** Trained to its budget. */
    DONE,
    /** Stopped on a NaN or exploding loss. */
    DIVERGED,
    /** Stopped on an error. */
    FAILED;

    /**
     * The pending-run rule, in one place: a run is trained (again) unless it is done or diverged.
     *
     * @return whether the run is finished, so a sweep skips it and a submission leaves it out
     */
    public boolean finished() {
      return this == DONE || this == DIVERGED;
    }

    /**
     * @return the name in {@code status.json} and in messages
     */
    @JsonValue
    public String key() {
      return EnumKeys.key(this);
    }

    /**
     * @param key a name from {@code status.json}
     * @return the state
     * @throws InputException naming the allowed states
     */
    @JsonCreator
    public static State of(String key) {
      return EnumKeys.parse(State.class, key, "run state");
    }

    @Override
    public String toString() {
      return key();
    }
  }

  /**
   * @param message why
   * @return the status of a run without a (readable) status file
   */
  public static RunStatus pending(String message) {
    return new RunStatus(State.PENDING, 0, 0, message, 0, "");
  }
}
