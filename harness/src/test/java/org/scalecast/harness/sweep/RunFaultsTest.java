package org.scalecast.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.harness.train.RunFolder;
import org.scalecast.harness.train.RunLock;
import org.scalecast.harness.train.RunStatus;
import org.scalecast.results.CheckpointRecord;
import org.scalecast.results.RecordLog;

/**
 * Issue 11's run faults, on the smoke sweep in this process: a locked run, a run killed between its
 * final state save and its status write, lost records, a cut state file, and a full disk.
 */
@Tag("engine")
class RunFaultsTest {
  @TempDir Path dir;

  /** The smoke sweep with absolute data paths; {@code oneModel} keeps only its first model. */
  private Path smoke(boolean oneModel) throws IOException {
    Path root = SweepRunTest.root();
    String yaml =
        Files.readString(root.resolve("configs/smoke.yaml"))
            .replace("smoke-data/text", root.resolve("configs/smoke-data/text").toString())
            .replace("../fit/src/main/java", root.resolve("fit/src/main/java").toString());
    if (oneModel) {
      yaml = yaml.replace("  - {d_model: 48, n_layer: 2, n_head: 2}\n", "");
    }
    Path f = dir.resolve(oneModel ? "one.yaml" : "smoke.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private SweepRunTest.Run sweep(Path config, Path out) {
    return SweepRunTest.sweep(dir.resolve("cache"), config, out);
  }

  private static List<Path> runDirs(Path runs) throws IOException {
    try (Stream<Path> s = Files.list(runs)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static List<CheckpointRecord> records(Path run) throws IOException {
    return new RecordLog(run.resolve("records.jsonl")).read();
  }

  /** A done one-run sweep, and its records. */
  private Path doneRun(Path runs) throws IOException {
    SweepRunTest.Run r = sweep(smoke(true), runs);
    assertEquals(0, r.code(), r.err());
    return runDirs(runs).get(0);
  }

  private void assertSameRecords(List<CheckpointRecord> a, List<CheckpointRecord> b) {
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).step(), b.get(i).step());
      assertEquals(a.get(i).valLoss(), b.get(i).valLoss(), "record " + i);
      assertEquals(a.get(i).trainLoss(), b.get(i).trainLoss(), 0, "record " + i);
    }
  }

  @Test
  void aLockedRunIsSkippedWithOneLineAndTrainedOnceInAll() throws Exception {
    Path runs = dir.resolve("runs");
    Path cfg = smoke(false);
    List<RunSpec> specs = Sweeps.expand(Sweeps.load(cfg));
    Path first = runs.resolve(specs.get(0).runId());
    SweepRunTest.Run r;
    try (RunLock other = RunLock.tryAcquire(first)) {
      r = sweep(cfg, runs);
    }
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.err().contains(specs.get(0).runId() + ": locked by process "), r.err()); // one line
    assertTrue(r.out().contains("1 done, 0 diverged, 0 failed, 1 skipped (locked"), r.out());
    assertFalse(Files.exists(first.resolve("records.jsonl")), "not trained under the lock");
    SweepRunTest.Run again = sweep(cfg, runs);
    assertEquals(0, again.code(), again.err());
    long rows = 0;
    for (Path d : runDirs(runs)) {
      List<CheckpointRecord> rs = records(d);
      assertEquals(rs.size(), rs.stream().map(CheckpointRecord::step).distinct().count());
      rows += rs.size();
    }
    assertEquals(2 * records(first).size(), rows, "the rows of one sweep, none twice");
  }

  @Test
  void aRunKilledBeforeItsDoneStatusIsMarkedDoneOnRerun() throws Exception {
    Path runs = dir.resolve("runs");
    Path run = doneRun(runs);
    RunFolder f = new RunFolder(run);
    List<CheckpointRecord> before = records(run);
    long steps = f.readStatus().steps();
    f.writeStatus(RunStatus.State.RUNNING, steps, steps, ""); // the kill left it running
    assertEquals(0, sweep(smoke(true), runs).code());
    assertEquals(RunStatus.State.DONE, f.readStatus().state(), "no dead end at the last step");
    Files.writeString(run.resolve("status.json"), "{\"state\": \"do"); // cut status
    SweepRunTest.Run r = sweep(smoke(true), runs);
    assertTrue(r.err().contains(run.resolve("status.json") + " line 1: cannot be parsed"), r.err());
    assertEquals(RunStatus.State.DONE, f.readStatus().state(), "repaired from the state");
    assertSameRecords(before, records(run));
  }

  @Test
  void aLostFinalRecordIsEvaluatedAgainFromTheSavedState() throws Exception {
    Path runs = dir.resolve("runs");
    Path run = doneRun(runs);
    List<CheckpointRecord> before = records(run);
    new RecordLog(run.resolve("records.jsonl")).truncateTo(c -> !c.isFinal());
    RunFolder f = new RunFolder(run);
    f.writeStatus(RunStatus.State.RUNNING, 0, 0, "");
    SweepRunTest.Run r = sweep(smoke(true), runs);
    assertTrue(r.err().contains("evaluating it again"), r.err());
    assertEquals(RunStatus.State.DONE, f.readStatus().state());
    assertSameRecords(before, records(run));
  }

  @Test
  void aCutStateResumesFromThePreviousCheckpointAndNamesTheFile() throws Exception {
    Path runs = dir.resolve("runs");
    Path run = doneRun(runs);
    List<CheckpointRecord> before = records(run);
    Path params = run.resolve("state/model.params");
    Files.write(params, java.util.Arrays.copyOf(Files.readAllBytes(params), 100));
    new RunFolder(run).writeStatus(RunStatus.State.RUNNING, 0, 0, "");
    SweepRunTest.Run r = sweep(smoke(true), runs);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains(params + ": 100 bytes"), r.err());
    assertTrue(Files.exists(run.resolve("state.corrupt/model.params")), "kept for a look");
    assertSameRecords(before, records(run));
    // States saved before checksums: the decoder's error now names the file.
    Path prev = run.resolve("state.prev");
    Files.delete(prev.resolve("checksums.json"));
    Files.write(prev.resolve("optimizer.bin"), new byte[] {1, 2, 3});
    deleteTree(run.resolve("state"));
    new RunFolder(run).writeStatus(RunStatus.State.RUNNING, 0, 0, "");
    r = sweep(smoke(true), runs);
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("reading " + prev.resolve("optimizer.bin") + ": "), r.err());
    assertTrue(new RunFolder(run).readStatus().message().contains("optimizer.bin"));
  }

  @Test
  void aFullDiskFailsTheRunNamingThePathAndLeavesItResumable() throws Exception {
    Path runs = dir.resolve("runs");
    Path run = doneRun(runs);
    List<CheckpointRecord> before = records(run);
    deleteTree(run.resolve("state")); // resume from state.prev: the final checkpoint is redone
    new RunFolder(run).writeStatus(RunStatus.State.RUNNING, 0, 0, "");
    Path ckpts = run.resolve("checkpoints");
    // A full 4 KiB tmpfs over the checkpoints folder: the checkpoint's write there fails with
    // ENOSPC (where this machine lets a test mount; skipped with the reason where not).
    org.junit.jupiter.api.Assumptions.assumeTrue(
        mount("mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", ckpts.toString()),
        "cannot mount a tmpfs here");
    SweepRunTest.Run r;
    try {
      r = sweep(smoke(true), runs);
    } finally {
      mount("umount", ckpts.toString());
    }
    assertEquals(1, r.code(), r.err());
    String why = new RunFolder(run).readStatus().message();
    assertEquals(RunStatus.State.FAILED, new RunFolder(run).readStatus().state());
    assertTrue(why.contains(ckpts.toString()) && why.contains("No space left on device"), why);
    assertEquals(0, sweep(smoke(true), runs).code());
    assertSameRecords(before, records(run));
  }

  private static boolean mount(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }

  /** Issue 11: --jobs children outlived a parent killed with SIGTERM or SIGKILL. */
  @Test
  void jobsChildrenDieWithTheirParent() throws Exception {
    String yaml = Files.readString(smoke(false)).replace("tokens: 16384", "tokens: 4000000");
    Path cfg = Files.writeString(dir.resolve("long.yaml"), yaml);
    SweepConfig c = Sweeps.load(cfg);
    org.scalecast.harness.data.Datasets.prepare(
        c.data().domains(), c.data().tokenizer(), dir.resolve("cache"));
    for (boolean sigkill : new boolean[] {true, false}) {
      Process parent =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  org.scalecast.harness.Main.class.getName(),
                  "sweep",
                  "run",
                  cfg.toString(),
                  "--out",
                  dir.resolve("runs-" + sigkill).toString(),
                  "--cache",
                  dir.resolve("cache").toString(),
                  "--jobs",
                  "2",
                  "--threads",
                  "1")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("parent-" + sigkill + ".log").toFile())
              .start();
      List<ProcessHandle> kids = List.of();
      try {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (kids.size() < 2 && parent.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(100);
          kids = parent.toHandle().children().toList();
        }
        assertEquals(2, kids.size(), Files.readString(dir.resolve("parent-" + sigkill + ".log")));
        if (sigkill) {
          parent.destroyForcibly(); // no hook runs: the children must notice themselves
        } else {
          parent.destroy(); // SIGTERM: the parent's hook stops them
        }
        parent.waitFor();
        deadline = System.nanoTime() + 20_000_000_000L;
        while (kids.stream().anyMatch(RunFaultsTest::running) && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        for (ProcessHandle k : kids) {
          assertFalse(
              running(k), "child " + k.pid() + " outlived its parent (sigkill " + sigkill + ")");
        }
      } finally {
        kids.forEach(ProcessHandle::destroyForcibly);
        parent.destroyForcibly();
      }
    }
  }

  /** Alive and not a zombie (an orphan's exit may wait for a reaper that never comes here). */
  private static boolean running(ProcessHandle p) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "stat"));
      return p.isAlive() && !stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
    } catch (IOException e) {
      return p.isAlive();
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
