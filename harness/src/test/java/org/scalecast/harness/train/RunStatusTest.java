package org.scalecast.harness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status.json} keeps its first format with the state as an enum. */
class RunStatusTest {
  @TempDir Path dir;

  /** A status.json as the harness wrote it before the state was an enum. */
  private static final String OLD =
      "{\"state\":\"diverged\",\"step\":12,\"steps\":64,\"message\":\"loss NaN at step 12"
          + " (first loss 5.7)\",\"pid\":4242,\"updated_at\":\"2025-01-02T03:04:05.678Z\"}";

  @Test
  void readsAStatusFileOfTheOldFormat() throws Exception {
    Files.writeString(dir.resolve("status.json"), OLD);
    RunStatus s = new RunFolder(dir).readStatus();
    assertEquals(
        new RunStatus(
            RunStatus.State.DIVERGED,
            12,
            64,
            "loss NaN at step 12 (first loss 5.7)",
            4242,
            "2025-01-02T03:04:05.678Z"),
        s);
    for (RunStatus.State st : RunStatus.State.values()) {
      Files.writeString(
          dir.resolve("status.json"), OLD.replace("\"diverged\"", "\"" + st.key() + "\""));
      assertEquals(st, new RunFolder(dir).readStatus().state());
    }
  }

  @Test
  void writesTheSameFormatAndReadsItBack() throws Exception {
    RunFolder f = new RunFolder(dir);
    f.writeStatus(RunStatus.State.DONE, 64, 64, "");
    String json = Files.readString(dir.resolve("status.json"));
    assertTrue(
        json.startsWith("{\"state\":\"done\",\"step\":64,\"steps\":64,\"message\":\"\","), json);
    assertTrue(json.contains("\"updated_at\":"), json);
    RunStatus back = f.readStatus();
    assertEquals(RunStatus.State.DONE, back.state());
    assertEquals(ProcessHandle.current().pid(), back.pid());
  }

  @Test
  void missingOrUnreadableIsPending() throws Exception {
    assertEquals(RunStatus.State.PENDING, new RunFolder(dir).readStatus().state());
    Files.writeString(dir.resolve("status.json"), OLD.replace("\"diverged\"", "\"exploded\""));
    RunStatus s = new RunFolder(dir).readStatus();
    assertEquals(RunStatus.State.PENDING, s.state());
    // Issue 11: named, with its line, not just "unreadable".
    assertTrue(
        s.message().startsWith(dir.resolve("status.json") + " line 1: cannot be parsed ("),
        s.message());
    assertTrue(s.message().contains("unknown run state 'exploded'"), s.message());
  }

  @Test
  void onlyDoneAndDivergedRunsAreFinished() {
    assertTrue(RunStatus.State.DONE.finished());
    assertTrue(RunStatus.State.DIVERGED.finished());
    assertFalse(RunStatus.State.PENDING.finished());
    assertFalse(RunStatus.State.RUNNING.finished());
    assertFalse(RunStatus.State.FAILED.finished());
  }
}
