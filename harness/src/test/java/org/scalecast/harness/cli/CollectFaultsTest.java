package org.scalecast.harness.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.harness.Main;
import org.scalecast.results.CheckpointRecord;
import org.scalecast.results.RecordLog;
import org.scalecast.results.ResultsTable;

/**
 * Issue 11, {@code results collect} under faults: runs it cannot read, a path it cannot write, and
 * SIGKILLs in the middle of writing a 20,000-row table.
 */
class CollectFaultsTest {
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** A finished run with n checkpoint records, written in one go. */
  private Path run(Path runs, String id, int n) throws IOException {
    Path run = Files.createDirectories(runs.resolve(id));
    Files.writeString(
        run.resolve(ResultsTable.MANIFEST),
        "{\"run_id\": \"" + id + "\", \"design\": {\"model\": \"d32\", \"seed\": 0}}");
    StringBuilder sb = new StringBuilder();
    for (int s = 1; s <= n; s++) {
      CheckpointRecord r =
          new CheckpointRecord(
              CheckpointRecord.SCHEMA_VERSION,
              id,
              s,
              s * 4096L,
              (double) s / n,
              6.0 * 25472 * s * 4096,
              7.0 * 25472 * s * 4096,
              1e-3,
              5.0 / Math.log(s + 2.0),
              Map.of("text", 4.0 / Math.log(s + 2.0), "mix", 4.5 / Math.log(s + 2.0)),
              Map.of("text", 3.0 / Math.log(s + 2.0), "mix", 3.2 / Math.log(s + 2.0)),
              Map.of("text", s * 4096L),
              Map.of(),
              s * 0.01,
              409600,
              s == n);
      sb.append(RecordLog.JSON.writeValueAsString(r)).append('\n');
    }
    Files.writeString(run.resolve(ResultsTable.RECORDS), sb.toString());
    Files.writeString(run.resolve(ResultsTable.STATUS), "{\"state\": \"done\"}");
    return run;
  }

  @Test
  void aRunItCannotReadFailsTheCollectUnlessAllowPartialWhichListsIt() throws IOException {
    Path runs = dir.resolve("runs");
    run(runs, "a", 3);
    Path b = run(runs, "b", 3);
    Path manifest = b.resolve(ResultsTable.MANIFEST);
    String saved = Files.readString(manifest);
    Files.delete(manifest);

    Result r = run("results", "collect", runs.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("scalecast: " + b + ": no run.json"), r.err());
    assertFalse(Files.exists(runs.resolve("results.csv")));

    r = run("results", "collect", runs.toString(), "--allow-partial");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("3 rows x "), r.out());
    Path missing = runs.resolve("results.missing.csv");
    assertTrue(r.err().contains("left out: " + b + ": no run.json"), r.err());
    assertTrue(r.err().contains("1 run(s) left out, listed in " + missing), r.err());
    assertEquals(
        "run,file,problem\n\"b\",\"" + manifest + "\",\"" + b + ": no run.json\"\n",
        Files.readString(missing));

    Files.writeString(manifest, saved); // repaired: a complete table, and no stale list
    r = run("results", "collect", runs.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("6 rows x "), r.out());
    assertFalse(Files.exists(missing));
  }

  /** An I/O error: one line naming the path and the operation, exit 1, nothing else touched. */
  @Test
  void aTableItCannotWriteIsOneLineNamingThePath() throws IOException {
    Path runs = dir.resolve("runs");
    run(runs, "a", 3);
    Path file = Files.writeString(dir.resolve("file"), "x");
    Result r = run("results", "collect", runs.toString(), "--out", file + "/results.csv");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().startsWith("scalecast: " + file + ": cannot create folder ("), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertEquals("x", Files.readString(file));
  }

  /**
   * Before: 6 of 6 SIGKILLs during a collect of a 20,000-row table left a cut table. Now every kill
   * leaves the old complete table or the new one.
   */
  @Test
  void sigkillsDuringCollectLeaveTheOldOrTheNewTableWhole() throws Exception {
    Path runs = dir.resolve("runs");
    for (int i = 0; i < 19; i++) {
      run(runs, String.format("r%02d", i), 1000);
    }
    Path table = runs.resolve("results.csv");
    assertEquals(0, run("results", "collect", runs.toString()).code());
    byte[] old = Files.readAllBytes(table);
    run(runs, "r19", 1000);
    Path fresh = dir.resolve("fresh.csv");
    long t0 = System.nanoTime();
    Process whole = child(runs, fresh);
    assertEquals(0, whole.waitFor(), Files.readString(dir.resolve("child.log")));
    double seconds = (System.nanoTime() - t0) / 1e9;
    byte[] now = Files.readAllBytes(fresh);
    assertEquals(20_001, new String(now).lines().count());

    Random random = new Random(11);
    int kills = 8;
    int[] seen = new int[2]; // old, new
    int duringWrite = 0;
    for (int k = 0; k < kills; k++) {
      Files.write(table, old);
      Process p = child(runs, table);
      if (k % 2 == 0) { // at a random moment of the child's life
        Thread.sleep((long) (1000 * seconds * (0.3 + 0.8 * random.nextDouble())));
      } else if (waitForWriting(runs, table, old.length, p)) { // inside the write
        Thread.sleep(random.nextInt(60));
        duringWrite++;
      }
      p.destroyForcibly(); // SIGKILL
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      byte[] got = Files.readAllBytes(table);
      if (Arrays.equals(got, old)) {
        seen[0]++;
      } else {
        assertArrayEquals(now, got, "kill " + k + ": neither the old nor the new table");
        seen[1]++;
      }
    }
    assertEquals(kills, seen[0] + seen[1]);
    assertTrue(
        duringWrite >= 2, "only " + duringWrite + " kills landed while the table was written");
    System.out.printf(
        "collect kill test: %d SIGKILLs (%d once the table write began), %d left the old table,"
            + " %d the new (full run %.1f s)%n",
        kills, duringWrite, seen[0], seen[1], seconds);
  }

  /**
   * Waits until the child starts writing the table: a new file appears beside it, or the table
   * itself changes size (a writer that writes in place).
   *
   * @return whether it did before the child ended
   */
  private static boolean waitForWriting(Path runs, Path table, long size, Process p)
      throws IOException, InterruptedException {
    while (p.isAlive()) {
      try (var s = Files.list(runs)) {
        if (s.anyMatch(f -> Files.isRegularFile(f) && !f.equals(table))
            || Files.size(table) != size) {
          return true;
        }
      }
      Thread.sleep(1);
    }
    return false;
  }

  private Process child(Path runs, Path out) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "results",
            "collect",
            runs.toString(),
            "--out",
            out.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile())
        .start();
  }
}
