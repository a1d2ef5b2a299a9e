package org.scalecast.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: collect reads every run or fails naming the run and file; nothing is dropped quietly.
 */
class ResultsCollectTest {
  @TempDir Path dir;

  private Path runs() {
    return dir.resolve("runs");
  }

  /** A run with records at steps 1..n, the last one final, and the given status. */
  private Path run(String id, int n, String state) throws IOException {
    Path run = Files.createDirectories(runs().resolve(id));
    Files.writeString(run.resolve(ResultsTable.MANIFEST), "{\"design\": {\"model\": \"d32\"}}");
    RecordLog log = new RecordLog(run.resolve(ResultsTable.RECORDS));
    for (int s = 1; s <= n; s++) {
      log.append(RecordLogTest.record(id, s, s == n));
    }
    Files.writeString(run.resolve(ResultsTable.STATUS), "{\"state\": \"" + state + "\"}");
    return run;
  }

  private static void cutLastLine(Path run) throws IOException {
    Path f = run.resolve(ResultsTable.RECORDS);
    String all = Files.readString(f);
    Files.writeString(f, all.substring(0, all.length() - 40)); // the last record, half written
  }

  /** Before: skipped with exit 0 (4 of 8 rows). */
  @Test
  void aRunFolderWithoutRunJsonIsAnErrorNamingIt() throws IOException {
    run("a", 2, "done");
    Path b = run("b", 2, "done");
    Files.delete(b.resolve(ResultsTable.MANIFEST));
    InputException e = assertThrows(InputException.class, () -> ResultsTable.collect(runs()));
    assertTrue(e.getMessage().startsWith(b + ": no run.json"), e.getMessage());
  }

  @Test
  void anUnreadableRunJsonIsAnErrorNamingIt() throws IOException {
    Path a = run("a", 2, "done");
    Files.writeString(a.resolve(ResultsTable.MANIFEST), "{\"design\": ");
    InputException e = assertThrows(InputException.class, () -> ResultsTable.collect(runs()));
    assertTrue(e.getMessage().startsWith(a.resolve("run.json") + ": "), e.getMessage());
  }

  /** Before: the final-checkpoint row was lost for good, exit 0. */
  @Test
  void aCutLastLineInAFinishedRunIsCorruptionNamedWithFileAndLine() throws IOException {
    Path a = run("a", 3, "done");
    cutLastLine(a);
    InputException e = assertThrows(InputException.class, () -> ResultsTable.collect(runs()));
    assertTrue(
        e.getMessage().startsWith(a.resolve("records.jsonl") + ":3: last line cut"),
        e.getMessage());
  }

  /** Before: "line: 1" whatever the line, and no file. */
  @Test
  void aGarbageLineNamesTheFileAndItsRealLine() throws IOException {
    Path a = run("a", 2, "running");
    Files.writeString(a.resolve(ResultsTable.RECORDS), "{not json}\n", StandardOpenOption.APPEND);
    new RecordLog(a.resolve(ResultsTable.RECORDS)).append(RecordLogTest.record("a", 4, true));
    InputException e = assertThrows(InputException.class, () -> ResultsTable.collect(runs()));
    assertTrue(
        e.getMessage().startsWith(a.resolve("records.jsonl") + ":3: not a checkpoint record ("),
        e.getMessage());
    assertTrue(!e.getMessage().contains("line: 1"), e.getMessage());
  }

  @Test
  void aRunningRunsCutLastLineIsLeftOutWithANote() throws IOException {
    run("a", 2, "done");
    Path b = run("b", 3, "running");
    cutLastLine(b);
    List<String> notes = new ArrayList<>();
    ResultsTable.Collected c = ResultsTable.collect(runs(), false, notes::add);
    assertEquals(4, c.table().rowCount());
    assertEquals(1, notes.size());
    assertTrue(notes.get(0).startsWith(b.resolve("records.jsonl") + ":3: "), notes.get(0));
  }

  @Test
  void allowPartialLeavesOutAndListsTheRunsItCannotRead() throws IOException {
    run("a", 2, "done");
    Path b = run("b", 2, "done");
    Files.delete(b.resolve(ResultsTable.MANIFEST));
    Path c = run("c", 3, "diverged");
    cutLastLine(c);
    Files.createDirectories(runs().resolve("report")); // not a run: no run file in it
    ResultsTable.Collected got = ResultsTable.collect(runs(), true, n -> {});
    assertEquals(2, got.table().rowCount());
    assertEquals(2, got.missing().size());
    assertEquals(b.resolve("run.json"), got.missing().get(0).file());
    assertEquals(c.resolve("records.jsonl"), got.missing().get(1).file());
    String csv = ResultsTable.missingCsv(got.missing());
    assertTrue(csv.startsWith("run,file,problem\n\"b\","), csv);
  }

  /**
   * The README's {@code predict runs/quickstart}: a quickstart's --out folder holds runs/ and
   * report/, and was read as an empty runs folder (thirteenth session). Its runs/ is read, noted.
   */
  @Test
  void aFolderHoldingARunsFolderIsReadThroughIt() throws IOException {
    run("a", 2, "done");
    Files.createDirectories(dir.resolve("report"));
    List<String> notes = new ArrayList<>();
    assertEquals(2, ResultsTable.load(dir, notes::add).rowCount());
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).startsWith("reading " + runs() + ": "), notes.get(0));
  }

  /** Before: "the table has no role column" from predict and report. */
  @Test
  void anEmptyRunsFolderIsNamedAsEmpty() throws IOException {
    Files.createDirectories(runs());
    InputException e = assertThrows(InputException.class, () -> ResultsTable.load(runs()));
    assertEquals(runs() + ": " + ResultsTable.NO_RECORDS, e.getMessage());
  }
}
