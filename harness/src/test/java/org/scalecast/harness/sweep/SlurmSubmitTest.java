package org.scalecast.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.results.CheckpointRecord;
import org.scalecast.results.RecordLog;

/**
 * {@code sweep submit --slurm} against a real Slurm: the one-node cluster that {@code .ci/slurm-up}
 * starts (Debian's slurm-wlm). Skipped where no cluster answers, unless SCALECAST_REQUIRE_SLURM=1
 * (set by .ci/run once the cluster is up), which turns a missing cluster into a failure.
 */
@Tag("slurm")
class SlurmSubmitTest {
  @TempDir Path dir;

  @BeforeAll
  static void needsACluster() {
    boolean up;
    try {
      Slurm.command(List.of("sinfo", "-h"));
      up = true;
    } catch (IOException | RuntimeException e) {
      up = false;
    }
    if ("1".equals(System.getenv("SCALECAST_REQUIRE_SLURM"))) {
      assertTrue(up, "SCALECAST_REQUIRE_SLURM=1 but sinfo does not answer");
    }
    assumeTrue(up, "no Slurm cluster answers (start one with .ci/slurm-up)");
  }

  private SweepRunTest.Run submit(Path cfg, Path runs) {
    return SweepRunTest.cli(
        "sweep",
        "submit",
        cfg.toString(),
        "--slurm",
        "--out",
        runs.toString(),
        "--cache",
        dir.resolve("cache").toString());
  }

  private static String jobId(SweepRunTest.Run r) {
    Matcher m = Pattern.compile("Slurm job (\\d+)").matcher(r.out());
    assertTrue(m.find(), r.out() + r.err());
    return m.group(1);
  }

  /** Waits until Slurm no longer lists the job. */
  private static void awaitGone(String job, long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (Slurm.command(List.of("squeue", "-h", "-j", job)).isBlank()) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("job " + job + " still in Slurm after " + seconds + " s");
  }

  private static List<CheckpointRecord> records(Path runs) throws IOException {
    try (Stream<Path> s = Files.list(runs)) {
      Path run = s.filter(p -> Files.isRegularFile(p.resolve("run.json"))).findFirst().orElse(null);
      return run == null ? List.of() : new RecordLog(run.resolve("records.jsonl")).read();
    }
  }

  @Test
  void theSmokeSweepRunsAsAnArrayAndTheTableIsWhole() throws Exception {
    Path runs = dir.resolve("runs");
    Path cfg = SweepRunTest.root().resolve("configs/smoke.yaml");
    SweepRunTest.Run r = submit(cfg, runs);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("submitted 2 runs"), r.out());
    awaitGone(jobId(r), 300);
    SweepRunTest.Run status = SweepRunTest.cli("sweep", "status", runs.toString());
    assertEquals(2, status.out().lines().filter(l -> l.contains(" done ")).count(), status.out());
    Path csv = dir.resolve("table.csv");
    assertEquals(
        0, SweepRunTest.cli("results", "collect", runs.toString(), "--out", csv.toString()).code());
    assertEquals(1 + 2 * 4, Files.readAllLines(csv).size(), "2 runs x 4 checkpoints + header");
    SweepRunTest.Run again = submit(cfg, runs);
    assertTrue(again.out().contains("nothing to submit"), again.out());
  }

  @Test
  void aCancelledRunResumesWhenResubmitted() throws Exception {
    Path cfg = dir.resolve("long.yaml");
    Path root = SweepRunTest.root();
    Files.writeString(
        cfg,
        "name: long\ndata:\n  tokenizer: {kind: bpe, vocab_size: 300, sample_bytes: 100000}\n"
            + "  domains:\n    text: {path: "
            + root.resolve("configs/smoke-data/text")
            + "}\n"
            + "    code: {path: "
            + root.resolve("fit/src/main/java")
            + "}\n"
            + "models:\n  - {size: d64-l3-h4}\ncontext_length: 32\n"
            + "budgets:\n  - {tokens: "
            + 1600 * 256
            + "}\n"
            + "train: {batch_size: 8, lr: 0.001}\n"
            + "eval: {checkpoints: 8, log_spaced: 0, windows: 8, batch_size: 8, tasks: []}\n");
    Path runs = dir.resolve("runs");
    SweepRunTest.Run first = submit(cfg, runs);
    assertEquals(0, first.code(), first.err());
    String job = jobId(first);
    // A job Slurm has forgotten, listed first, must not hide the live one: else a resubmit would
    // put the running run in a second job.
    Path jobs = runs.resolve("slurm/jobs.tsv");
    Files.createDirectories(runs.resolve("slurm/job-stale"));
    Files.writeString(runs.resolve("slurm/job-stale/runs.txt"), "gone\n");
    Files.writeString(jobs, "999999\tjob-stale\n" + Files.readString(jobs));
    assertEquals(1, Slurm.activeStates(runs).size(), "the live run is seen past the stale job");
    SweepRunTest.Run duplicate = submit(cfg, runs);
    assertTrue(duplicate.out().contains("nothing to submit"), duplicate.out() + duplicate.err());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (records(runs).size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Slurm.command(List.of("scancel", job));
    awaitGone(job, 60);
    int before = records(runs).size();
    assertTrue(before >= 2 && before < 8, "cancelled after " + before + " of 8 records");
    SweepRunTest.Run second = submit(cfg, runs);
    assertTrue(second.out().contains("submitted 1 runs"), second.out() + second.err());
    awaitGone(jobId(second), 300);
    List<CheckpointRecord> all = records(runs);
    assertEquals(8, all.size());
    for (int i = 1; i < all.size(); i++) {
      assertTrue(all.get(i).step() > all.get(i - 1).step(), "steps increase: " + all);
    }
    assertEquals(1600, all.get(7).step());
  }
}
