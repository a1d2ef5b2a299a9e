package org.scalecast.harness.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.harness.Main;
import org.scalecast.harness.data.Datasets;
import org.scalecast.harness.sweep.SweepConfig;
import org.scalecast.harness.sweep.Sweeps;
import org.scalecast.results.CsvTables;
import org.scalecast.results.RecordLog;

/**
 * Issue 11's fault-injection suite, seconds long: real SIGKILLs (and halts at named writes, through
 * {@link org.scalecast.results.FaultHook}) of child JVMs running the smoke sweep, {@code results
 * collect} and {@code report}, and two sweeps into one folder. Every case ends with the same checks
 * against one uninterrupted reference sweep: no row lost, none duplicated, every value
 * bit-identical (all columns but the three timings), every file whole (each JSON, JSONL and CSV
 * parsed, each state's sizes and CRC-32s checked, each PNG complete). It prints one summary line
 * and writes it to {@code target/fault-suite.txt} ({@code .ci/run} prints it after the build).
 *
 * <p>Faults covered by other tests of the same build are not run again here: a {@code --jobs}
 * parent killed (RunFaultsTest), a truncated record (ResultsCollectTest, RecordLogTest), a corrupt
 * state (RunFaultsTest), a full disk on a small tmpfs (RunFaultsTest, AtomicFilesTest) and a cut
 * cache file (DatasetsTest); the summary names them.
 */
@Tag("engine")
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteTest {
  /** Timings: the only columns allowed to differ from the uninterrupted run. */
  private static final Set<String> TIMINGS =
      Set.of("wall_seconds", "tokens_per_second", "eval_seconds");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private Path config;
  private Path cache;
  private Path reference;
  private Table referenceTable;
  private double sweepSeconds;
  private final long started = System.nanoTime();
  private final double cpuBefore = cpuSeconds();

  // what the summary counts
  private final AtomicInteger hookKills = new AtomicInteger();
  private final AtomicInteger randomKills = new AtomicInteger();
  private final AtomicInteger sweepKills = new AtomicInteger();
  private final AtomicInteger collectKills = new AtomicInteger();
  private final AtomicInteger reportKills = new AtomicInteger();
  private final AtomicInteger rowsLost = new AtomicInteger();
  private final AtomicInteger rowsDuplicated = new AtomicInteger();
  private final AtomicInteger valuesChanged = new AtomicInteger();
  private final AtomicInteger filesChecked = new AtomicInteger();
  private final AtomicInteger leftoverTemps = new AtomicInteger();
  private final List<String> cases = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  void referenceSweep() throws Exception {
    Path root = root();
    String yaml =
        Files.readString(root.resolve("configs/smoke.yaml"))
            .replace("smoke-data/text", root.resolve("configs/smoke-data/text").toString())
            .replace("../fit/src/main/java", root.resolve("fit/src/main/java").toString());
    config = Files.writeString(dir.resolve("smoke.yaml"), yaml);
    cache = dir.resolve("cache");
    // One data cache for every child: processes that read their tokens from the cache start
    // alike, which bit-identical CPU training needs (docs/training.md, Reproducibility).
    SweepConfig c = Sweeps.load(config);
    Datasets.prepare(c.data().domains(), c.data().tokenizer(), cache);
    reference = dir.resolve("reference");
    long t0 = System.nanoTime();
    Child ref = sweep(reference, null, "reference");
    assertEquals(0, ref.waitFor(), ref.log());
    sweepSeconds = (System.nanoTime() - t0) / 1e9;
    passed("reference sweep (1 child", t0);
    referenceTable = collect(reference);
    assertTrue(referenceTable.rows.size() >= 8, "the smoke sweep's rows: " + referenceTable.rows);
    checkRunsFolder(reference);
  }

  @AfterAll
  void summary() throws IOException {
    String line =
        String.format(
            "fault suite: %d kills (%d at named writes, %d at random moments; sweep %d, collect %d,"
                + " report %d), %d rows lost, %d duplicated,"
                + " %d values changed against an uninterrupted run, %d files checked whole (%d"
                + " hidden temporary files left by killed writers); cases passed: %s; %.0f s wall,"
                + " %.0f s CPU (children included) on %d cores, load average %.1f at the end."
                + " Also in this build, not rerun here: a --jobs parent killed by SIGKILL and"
                + " SIGTERM, a cut and a corrupt state, a garbage status, a lost final record"
                + " (RunFaultsTest), a truncated and a garbage record (ResultsCollectTest,"
                + " RecordLogTest), a cut cache file (DatasetsTest), a full disk (RunFaultsTest,"
                + " AtomicFilesTest: %s)",
            hookKills.get() + randomKills.get(),
            hookKills.get(),
            randomKills.get(),
            sweepKills.get(),
            collectKills.get(),
            reportKills.get(),
            rowsLost.get(),
            rowsDuplicated.get(),
            valuesChanged.get(),
            filesChecked.get(),
            leftoverTemps.get(),
            cases.isEmpty() ? "none" : String.join(", ", cases),
            (System.nanoTime() - started) / 1e9,
            cpuSeconds() - cpuBefore,
            Runtime.getRuntime().availableProcessors(),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(),
            tmpfs());
    System.out.println(line);
    Path target = root().resolve("harness/target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("fault-suite.txt"), line + "\n");
    }
  }

  // ---------------------------------------------------------------- sweeps

  /**
   * Kills at every named write of a run's life (each child resumes the folder the last one left,
   * then dies at its point), and at seeded random moments in a second folder, side by side; then
   * each folder is resumed once uninterrupted and must equal the reference.
   */
  /** Adds a passed case with its wall time to the summary. */
  private void passed(String what, long t0) {
    cases.add(String.format("%s, %.0f s)", what, (System.nanoTime() - t0) / 1e9));
  }

  @Test
  @Order(1)
  void sweepKilledAtNamedWritesAndAtRandomMomentsLosesNothing() throws Exception {
    CompletableFuture<Void> named = CompletableFuture.runAsync(this::namedChain);
    CompletableFuture<Void> random = CompletableFuture.runAsync(this::randomChain);
    named.join();
    random.join();
  }

  /** Points in the order a run meets them: each child halts at one, the next resumes. */
  private static final List<String> NAMED =
      List.of(
          "record-append:1", // first checkpoint of run 1: half a line
          "record-appended:1", // record written, state not: records ahead of state
          "atomic-write:.params:1", // checkpoint weights written, not renamed
          "state-params-written:1", // model.params written, optimizer.bin not
          "atomic-write:checksums.json:1",
          "atomic-write:state.json:1",
          "state-saved:1", // state saved, status not written
          "state-swap:1", // between the state's two renames (state/ gone, state.old/ kept)
          "atomic-write:status.json:2", // the status after a checkpoint
          "state-saved:2", // at run 1's final checkpoint: the dead end of issue 11
          "record-append:2", // run 2
          "state-swap:2",
          "state-params-written:2",
          "atomic-write:results.csv:1"); // the sweep's table

  private void namedChain() {
    long t0 = System.nanoTime();
    try {
      Path runs = dir.resolve("named");
      for (String point : NAMED) {
        sweep(runs, "kill-at:" + point, "named-" + point.replace(':', '_')).halted(point);
        hookKills.incrementAndGet();
        sweepKills.incrementAndGet();
        checkWhole(runs);
      }
      finish(runs, "named");
      passed("named writes (" + NAMED.size(), t0);
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  private void randomChain() {
    long t0 = System.nanoTime();
    try {
      Random random = new Random(11);
      int kills = 10;
      int folder = 1;
      Path runs = dir.resolve("random-" + folder);
      for (int k = 0; k < kills; ) {
        Child c = sweep(runs, null, "random-" + k);
        // a moment of the whole sweep's wall time, startup included
        if (!c.killAfter(sweepSeconds * (0.15 + 0.85 * random.nextDouble()))) {
          finish(runs, "random-" + folder); // it finished before its kill: a new folder
          runs = dir.resolve("random-" + ++folder);
          continue;
        }
        randomKills.incrementAndGet();
        sweepKills.incrementAndGet();
        k++;
        checkWhole(runs);
      }
      finish(runs, "random-" + folder);
      passed("random moments (" + kills + ", " + folder + " folders", t0);
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  /** Resumes a folder uninterrupted and compares it with the reference. */
  private void finish(Path runs, String name) throws Exception {
    Child c = sweep(runs, null, name + "-final");
    assertEquals(0, c.waitFor(), c.log());
    checkRunsFolder(runs);
    compare(name, collect(runs));
    compare(name + " (the sweep's results.csv)", table(runs.resolve("results.csv")));
  }

  /** Two sweeps of one config into one folder at once: each run trained once. */
  @Test
  @Order(2)
  void twoConcurrentSweepsIntoOneFolderTrainEachRunOnce() throws Exception {
    long t0 = System.nanoTime();
    Path runs = dir.resolve("concurrent");
    Child a = sweep(runs, null, "concurrent-a");
    Child b = sweep(runs, null, "concurrent-b");
    assertEquals(0, a.waitFor(), a.log());
    assertEquals(0, b.waitFor(), b.log());
    int skipped = 0;
    for (Child c : List.of(a, b)) {
      skipped += (int) c.log().lines().filter(l -> l.contains(": locked by process ")).count();
    }
    // No rerun: both processes together must have finished every run.
    checkRunsFolder(runs);
    compare("concurrent", collect(runs));
    compare("concurrent (the sweeps' results.csv)", table(runs.resolve("results.csv")));
    passed("2 concurrent sweeps (" + skipped + " runs skipped as locked", t0);
  }

  // ---------------------------------------------------------------- collect and report

  /** A collect killed inside its table write, and at random moments: the old or the new table. */
  @Test
  @Order(3)
  void collectKilledLeavesTheOldOrTheNewTableWhole() throws Exception {
    long t0 = System.nanoTime();
    Path fresh = dir.resolve("fresh.csv");
    assertEquals(
        0, cli("results", "collect", reference.toString(), "--out", fresh.toString()).code);
    byte[] now = Files.readAllBytes(fresh);
    List<String> lines = new ArrayList<>(Files.readAllLines(fresh));
    lines.remove(lines.size() - 1); // an older table: whole, one row short
    byte[] old = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    Path folder = Files.createDirectories(dir.resolve("collect"));
    Path table = folder.resolve("table.csv");
    Random random = new Random(12);
    double seconds = 0;
    int[] seen = new int[2];
    for (int k = 0, tries = 0; k < 3 && tries < 10; tries++) {
      Files.write(table, old);
      String fault = k == 0 ? "kill-at:atomic-write:table.csv:1" : null;
      long tk = System.nanoTime();
      Child c =
          child(
              fault,
              "collect-" + tries,
              "results",
              "collect",
              reference.toString(),
              "--out",
              table.toString());
      if (fault != null) {
        c.halted(fault);
        seconds = (System.nanoTime() - tk) / 1e9; // the time to the end of the table's write
        hookKills.incrementAndGet();
      } else if (c.killAfter(seconds * (0.3 + 0.8 * random.nextDouble()))) {
        randomKills.incrementAndGet();
      } else {
        continue; // it finished before its kill: not a kill
      }
      collectKills.incrementAndGet();
      k++;
      byte[] got = Files.readAllBytes(table);
      if (Arrays.equals(got, old)) {
        seen[0]++;
      } else {
        assertTrue(
            Arrays.equals(got, now), "collect kill " + k + ": neither the old nor the new table");
        seen[1]++;
      }
      CsvTables.read(table);
      filesChecked.incrementAndGet();
      leftoverTemps.addAndGet(hiddenTemps(folder));
    }
    passed("collect (" + seen[0] + " old, " + seen[1] + " new", t0);
  }

  /**
   * A report killed while its folder is built, between the folder's two renames, inside a figure's
   * write, and at random moments: the old report folder or the new one, never a mix, every file
   * whole; the next report puts things right.
   */
  @Test
  @Order(4)
  void reportKilledLeavesTheOldOrTheNewFolder() throws Exception {
    long t0 = System.nanoTime();
    Path fitOld =
        Files.writeString(
            dir.resolve("fit-old.yaml"),
            "losses: [val_loss_mix]\ntarget_at: {n_params: 1.0e6, tokens: 1.0e8}\n");
    Path fitNew =
        Files.writeString(
            dir.resolve("fit-new.yaml"),
            "losses: [val_loss_mix]\ntarget_at: {n_params: 2.0e6, tokens: 2.0e8}\n");
    Path oldCopy = dir.resolve("report-old");
    Path newCopy = dir.resolve("report-new");
    assertEquals(
        0,
        cli(
                "report",
                reference.toString(),
                "--config",
                fitOld.toString(),
                "--out",
                oldCopy.toString())
            .code);
    assertEquals(
        0,
        cli(
                "report",
                reference.toString(),
                "--config",
                fitNew.toString(),
                "--out",
                newCopy.toString())
            .code);
    Map<String, byte[]> old = files(oldCopy);
    Map<String, byte[]> fresh = files(newCopy);
    assertTrue(!same(old, fresh, true), "the two reports must differ");
    Path parent = Files.createDirectories(dir.resolve("reports"));
    Path rep = parent.resolve("rep");
    List<String> hooks =
        List.of("kill-at:atomic-write:.png:1", "kill-at:folder-built:1", "kill-at:folder-swap:1");
    Random random = new Random(13);
    double seconds = 0;
    int[] seen = new int[3]; // old, new, old kept as .rep.old
    for (int k = 0; k < hooks.size() + 3; k++) {
      if (!Files.exists(rep) && !Files.exists(parent.resolve(".rep.old"))) {
        copyTree(oldCopy, rep);
      }
      String fault = k < hooks.size() ? hooks.get(k) : null;
      long tk = System.nanoTime();
      Child c = report(fault, "report-" + k, fitNew, rep);
      if (fault != null) {
        c.halted(fault);
        seconds = Math.max(seconds, (System.nanoTime() - tk) / 1e9);
        hookKills.incrementAndGet();
        reportKills.incrementAndGet();
      } else if (c.killAfter(seconds * (0.2 + 0.9 * random.nextDouble()))) {
        randomKills.incrementAndGet();
        reportKills.incrementAndGet();
      } // else it finished before its kill: not a kill
      Path shown = Files.exists(rep) ? rep : parent.resolve(".rep.old");
      assertTrue(Files.isDirectory(shown), "report kill " + k + ": neither rep nor .rep.old");
      Map<String, byte[]> got = files(shown);
      checkReportFiles(shown);
      if (same(got, old, false)) {
        seen[shown == rep ? 0 : 2]++;
      } else {
        assertTrue(
            shown == rep && same(got, fresh, true),
            "report kill "
                + k
                + " ("
                + fault
                + "): old and new files mixed or cut in "
                + got.keySet());
        seen[1]++;
        deleteTree(rep); // back to the old report for the next kill
      }
    }
    Child last = report(null, "report-final", fitNew, rep);
    assertEquals(0, last.waitFor(), last.log());
    assertTrue(same(files(rep), fresh, true));
    try (Stream<Path> s = Files.list(parent)) {
      assertEquals(List.of(rep), s.toList(), "no temporary or old folder left");
    }
    passed(
        "report ("
            + seen[0]
            + " old, "
            + seen[1]
            + " new, "
            + seen[2]
            + " old kept as .rep.old and restored",
        t0);
  }

  // ---------------------------------------------------------------- children

  /** The project root: tests run in harness/. */
  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("configs")) ? here : here.getParent();
  }

  /** A child JVM and its log. */
  private record Child(Process process, Path logFile) {
    int waitFor() throws InterruptedException {
      if (!process.waitFor(300, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("a child ran over 300 s: " + log());
      }
      return process.exitValue();
    }

    /** It halted at the armed point (exit code 137 and the hook's line). */
    void halted(String fault) throws InterruptedException {
      int code = waitFor();
      assertEquals(137, code, fault + " was not reached:\n" + log());
      assertTrue(log().contains("fault hook: halted at "), log());
    }

    /**
     * @return true when it was still running after that many seconds and got a SIGKILL; false when
     *     it had finished (with exit code 0) before
     */
    boolean killAfter(double seconds) throws InterruptedException {
      if (process.waitFor((long) (1000 * seconds), TimeUnit.MILLISECONDS)) {
        assertEquals(0, process.exitValue(), log());
        return false;
      }
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no flushing
      assertTrue(process.waitFor(30, TimeUnit.SECONDS));
      return true;
    }

    String log() {
      try {
        return Files.readString(logFile);
      } catch (IOException e) {
        return e.toString();
      }
    }
  }

  /**
   * The command line in a child JVM, as the launcher runs it, with one intra-op thread (bitwise
   * reproducible on CPU) and, when {@code fault} is set, the fault hook armed.
   */
  private Child child(String fault, String name, String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // short-lived: start fast (Java arithmetic is strict)
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(args));
    Path log = dir.resolve("logs").resolve(name + ".log");
    Files.createDirectories(log.getParent());
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("MKL_NUM_THREADS", "1");
    pb.environment().put("MKL_CBWR", "COMPATIBLE");
    pb.environment().remove("SCALECAST_FAULT");
    if (fault != null) {
      pb.environment().put("SCALECAST_FAULT", fault);
    }
    return new Child(pb.start(), log);
  }

  private Child sweep(Path runs, String fault, String name) throws IOException {
    return child(
        fault,
        name,
        "sweep",
        "run",
        config.toString(),
        "--out",
        runs.toString(),
        "--cache",
        cache.toString(),
        "--threads",
        "1");
  }

  private Child report(String fault, String name, Path fit, Path out) throws IOException {
    return child(
        fault,
        name,
        "report",
        reference.toString(),
        "--config",
        fit.toString(),
        "--out",
        out.toString());
  }

  private record Result(int code, String out, String err) {}

  private static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  // ---------------------------------------------------------------- tables

  /** A table's header and rows, cells as written (equal text: bit-identical doubles). */
  private record Table(List<String> header, List<List<String>> rows) {}

  private Table collect(Path runs) throws IOException {
    Path csv = runs.resolveSibling(runs.getFileName() + ".collected.csv");
    Result r = cli("results", "collect", runs.toString(), "--out", csv.toString());
    assertEquals(0, r.code, r.err);
    return table(csv);
  }

  private static Table table(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<List<String>> rows = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      rows.add(cells(l));
    }
    return new Table(cells(lines.get(0)), rows);
  }

  /** One CSV line's cells (RFC 4180 quoting). */
  private static List<String> cells(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cell.append('"');
        i++;
      } else if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    out.add(cell.toString());
    return out;
  }

  /**
   * Rows keyed by run and step against the reference's: none lost, none twice, every cell but the
   * timings equal as text.
   */
  private void compare(String name, Table got) {
    Table ref = referenceTable;
    assertEquals(ref.header, got.header, name + ": columns");
    int run = ref.header.indexOf("run_id");
    int step = ref.header.indexOf("step");
    Map<String, List<String>> want = new LinkedHashMap<>();
    for (List<String> r : ref.rows) {
      want.put(r.get(run) + "@" + r.get(step), r);
    }
    Map<String, Integer> count = new HashMap<>();
    int lost = 0;
    int twice = 0;
    int changed = 0;
    List<String> problems = new ArrayList<>();
    for (List<String> r : got.rows) {
      String key = r.get(run) + "@" + r.get(step);
      if (count.merge(key, 1, Integer::sum) > 1) {
        twice++;
        problems.add("twice: " + key);
        continue;
      }
      List<String> w = want.get(key);
      if (w == null) {
        problems.add("not in the reference: " + key);
        changed++;
        continue;
      }
      for (int i = 0; i < w.size(); i++) {
        if (!TIMINGS.contains(ref.header.get(i)) && !w.get(i).equals(r.get(i))) {
          changed++;
          problems.add(key + " " + ref.header.get(i) + ": " + r.get(i) + " for " + w.get(i));
        }
      }
    }
    for (String key : want.keySet()) {
      if (!count.containsKey(key)) {
        lost++;
        problems.add("lost: " + key);
      }
    }
    rowsLost.addAndGet(lost);
    rowsDuplicated.addAndGet(twice);
    valuesChanged.addAndGet(changed);
    assertEquals(List.of(), problems, name + ": against the uninterrupted run");
  }

  // ---------------------------------------------------------------- whole files

  /** After the final resume: every run done, every file whole. */
  private void checkRunsFolder(Path runs) throws IOException {
    for (Path run : runFolders(runs)) {
      String status = Files.readString(run.resolve("status.json"));
      assertEquals("done", JSON.readTree(status).get("state").asText(), run + ": " + status);
      assertTrue(
          new RecordLog(run.resolve("records.jsonl")).contents().cutLine() == 0,
          run + ": a cut records line after the final resume");
    }
    checkWhole(runs);
    leftoverTemps.addAndGet(hiddenTemps(runs));
  }

  /**
   * Every file a user or a resume reads is whole: JSON and JSONL parse (a cut last records line is
   * the one thing a kill may leave, and the resume truncates it away), CSVs have one cell count,
   * each saved state matches its recorded sizes and CRC-32s, checkpoint weights are the size of the
   * state's. Hidden temporary files of killed writers are counted, not read.
   */
  private void checkWhole(Path runs) throws IOException {
    if (!Files.isDirectory(runs)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(runs)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (name.startsWith(".")) {
        assertTrue(name.endsWith(".tmp"), "a hidden file that is no temporary file: " + f);
        continue;
      }
      if (f.getParent().getFileName().toString().equals("state.tmp")) {
        continue; // a state being written when the kill came: never read, deleted by the next save
      }
      if (name.endsWith(".json")) {
        JSON.readTree(f.toFile());
      } else if (name.endsWith(".jsonl")) {
        new RecordLog(f).contents(); // every complete line a record (a cut last line allowed)
      } else if (name.endsWith(".csv")) {
        CsvTables.read(f);
      }
      filesChecked.incrementAndGet();
    }
    for (Path run : runFolders(runs)) {
      assertTrue(
          !Files.exists(run.resolve("state.corrupt")), run + ": a kill left a corrupt state");
      for (String state : List.of("state", "state.old", "state.prev")) {
        Path sums = run.resolve(state).resolve("checksums.json");
        if (Files.isRegularFile(sums)) {
          for (var e : JSON.readTree(sums.toFile()).properties()) {
            Path f = run.resolve(state).resolve(e.getKey());
            byte[] b = Files.readAllBytes(f);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(b);
            assertEquals(e.getValue().get("bytes").asLong(), b.length, f + ": size");
            assertEquals(e.getValue().get("crc32").asLong(), crc.getValue(), f + ": CRC-32");
          }
        }
      }
      Path params = run.resolve("state/model.params");
      Path ckpts = run.resolve("checkpoints");
      if (Files.isRegularFile(params) && Files.isDirectory(ckpts)) {
        try (Stream<Path> s = Files.list(ckpts)) {
          for (Path c : s.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
            assertEquals(Files.size(params), Files.size(c), c + ": cut checkpoint weights");
          }
        }
      }
    }
  }

  private static List<Path> runFolders(Path runs) throws IOException {
    try (Stream<Path> s = Files.list(runs)) {
      return s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    }
  }

  private static int hiddenTemps(Path folder) throws IOException {
    try (Stream<Path> s = Files.walk(folder)) {
      return (int)
          s.filter(p -> p.getFileName().toString().startsWith(".") && p.toString().endsWith(".tmp"))
              .count();
    }
  }

  /** A report folder's files by relative path. */
  private static Map<String, byte[]> files(Path folder) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        out.put(folder.relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    return out;
  }

  /**
   * @param madeLine whether report.md's "Made <time> by ..." line may differ
   */
  private static boolean same(Map<String, byte[]> a, Map<String, byte[]> b, boolean madeLine) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (String k : a.keySet()) {
      byte[] x = a.get(k);
      byte[] y = b.get(k);
      if (madeLine && k.endsWith(".md")) {
        x = withoutMade(x);
        y = withoutMade(y);
      }
      if (!Arrays.equals(x, y)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] withoutMade(byte[] md) {
    return new String(md, StandardCharsets.UTF_8)
        .replaceAll("(?m)^Made \\S+ by", "Made by")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static final byte[] PNG_END = {
    0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82
  };

  /** Every file of a report whole: JSON and CSV parse, PNGs end with their IEND chunk. */
  private void checkReportFiles(Path folder) throws IOException {
    for (Map.Entry<String, byte[]> e : files(folder).entrySet()) {
      Path f = folder.resolve(e.getKey());
      byte[] b = e.getValue();
      String name = f.getFileName().toString();
      if (name.endsWith(".json")) {
        JSON.readTree(b);
      } else if (name.endsWith(".csv")) {
        CsvTables.read(f);
      } else if (name.endsWith(".png")) {
        assertTrue(
            b.length > PNG_END.length
                && Arrays.equals(
                    Arrays.copyOfRange(b, b.length - PNG_END.length, b.length), PNG_END),
            f + ": a cut PNG");
      } else {
        assertTrue(b.length > 0, f + ": empty");
      }
      filesChecked.incrementAndGet();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  private static void deleteTree(Path p) throws IOException {
    org.scalecast.results.AtomicFiles.deleteTree(p);
  }

  /** This JVM's CPU time and its waited-for children's (Linux; 0 elsewhere). */
  private static double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = 0;
      for (int i = 11; i <= 14; i++) { // utime, stime, cutime, cstime
        ticks += Long.parseLong(f[i]);
      }
      return ticks / 100.0; // USER_HZ
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Whether this machine lets a test mount a small tmpfs (the full-disk tests need it). */
  private String tmpfs() {
    Path m = dir.resolve("tmpfs-probe");
    try {
      Files.createDirectories(m);
      Process p =
          new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", m.toString())
              .redirectErrorStream(true)
              .start();
      String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() != 0) {
        return "skipped here, cannot mount a tmpfs: " + said;
      }
      new ProcessBuilder("umount", m.toString()).start().waitFor();
      return "ran on a 4 KiB tmpfs";
    } catch (IOException | InterruptedException e) {
      return "skipped here, cannot mount a tmpfs: " + e.getMessage();
    }
  }
}
