package org.scalecast.harness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: one process at a time trains a run, and a dead holder never blocks a resume. */
class RunLockTest {
  @TempDir Path dir;

  /** Holds a run folder's lock until killed: the other process of the two-process test. */
  public static void main(String[] args) throws Exception {
    RunLock l = RunLock.tryAcquire(Path.of(args[0]));
    System.out.println(l == null ? "busy" : "locked");
    System.out.flush();
    Thread.sleep(600_000);
  }

  @Test
  void aHeldLockIsRefusedInThisProcess() throws Exception {
    try (RunLock a = RunLock.tryAcquire(dir)) {
      assertNotNull(a);
      assertNull(RunLock.tryAcquire(dir));
      assertTrue(RunLock.held(dir));
      assertEquals(String.valueOf(ProcessHandle.current().pid()), RunLock.holder(dir));
    }
    assertFalse(RunLock.held(dir));
  }

  @Test
  void anotherProcessesLockIsRefusedAndDiesWithIt() throws Exception {
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RunLockTest.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    try {
      String first = new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine();
      assertEquals("locked", first);
      assertNull(RunLock.tryAcquire(dir), "held by the other process");
      assertEquals(String.valueOf(holder.pid()), RunLock.holder(dir));
    } finally {
      holder.destroyForcibly(); // SIGKILL: the OS, not the holder, must release the lock
      holder.waitFor();
    }
    try (RunLock after = RunLock.tryAcquire(dir)) {
      assertNotNull(after, "released by the OS when its holder died");
    }
  }
}
