package org.scalecast.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Collects a runs folder into one table, one row per run x checkpoint: the run's design columns
 * from its {@code run.json} ({@code design} object), then the checkpoint's columns from {@code
 * records.jsonl}. Maps become one column per key ({@code val_loss_text}, {@code tokens_code}, ...).
 */
public final class ResultsTable {
  /** A run folder's manifest, {@link RunManifest}. */
  public static final String MANIFEST = RunManifest.FILE;

  /** The records file of a run folder. */
  public static final String RECORDS = "records.jsonl";

  private ResultsTable() {}

  /** A run's status file, written by the harness: {@code {"state": "done", ...}}. */
  public static final String STATUS = "status.json";

  /**
   * Files only a run folder holds: a folder with any of them is a run, and must have a {@code
   * run.json}. Other folders (a report, Slurm's job files) and hidden ones are not runs.
   */
  private static final List<String> RUN_FILES =
      List.of(MANIFEST, RECORDS, STATUS, "state", "state.old", "state.tmp", "checkpoints");

  /** States after which a run appends no more records ({@code RunStatus.State#finished}). */
  private static final Set<String> FINISHED = Set.of("done", "diverged");

  /**
   * A run left out of a partial table ({@code results collect --allow-partial}).
   *
   * @param run the run folder
   * @param file the file that could not be read
   * @param problem why, one line (with the line number where there is one)
   */
  public record Missing(Path run, Path file, String problem) {}

  /**
   * @param table the rows of every run that was read
   * @param missing the runs left out (only with allowPartial; else empty)
   */
  public record Collected(Table table, List<Missing> missing) {}

  /**
   * @param source a runs folder (collected, notes to standard error) or a results CSV (read)
   * @return its table
   * @throws InputException naming the path when it is neither, or naming the run and file that
   *     cannot be read
   */
  public static Table load(Path source) {
    return load(source, ResultsTable::noteToStderr);
  }

  /**
   * @param source a runs folder (collected) or a results CSV (read)
   * @param notes receives notes about the runs (a cut last line left out)
   * @return its table
   * @throws InputException naming the path when it is neither, or naming the run and file that
   *     cannot be read
   */
  public static Table load(Path source, Consumer<String> notes) {
    if (!Files.exists(source)) {
      throw new InputException(source + ": no such runs folder or table");
    }
    if (!Files.isDirectory(source)) {
      return CsvTables.read(source);
    }
    Table t = collect(runsFolder(source, notes), false, notes).table();
    if (t.rowCount() == 0) {
      throw new InputException(source + ": " + NO_RECORDS);
    }
    return t;
  }

  /** Where a folder that is not a runs folder itself (a quickstart's --out) keeps its runs. */
  public static final String NESTED_RUNS = "runs";

  /**
   * The runs folder a folder names: itself, or its {@value #NESTED_RUNS}/ when it has no run
   * folders of its own but that one has. A quickstart's --out folder keeps its runs in runs/ beside
   * report/; the README's {@code predict runs/quickstart} said there were no records (thirteenth
   * session).
   *
   * @param folder a folder
   * @return the runs folder to read
   */
  public static Path runsFolder(Path folder) {
    Path nested = folder.resolve(NESTED_RUNS);
    return Files.isDirectory(nested)
            && runFolders(folder).isEmpty()
            && !runFolders(nested).isEmpty()
        ? nested
        : folder;
  }

  /**
   * {@link #runsFolder(Path)}, saying so when it is the nested one.
   *
   * @param folder a folder (or a file, which is its own)
   * @param notes receives the note
   * @return the runs folder to read
   */
  public static Path runsFolder(Path folder, Consumer<String> notes) {
    Path runs = runsFolder(folder);
    if (!runs.equals(folder)) {
      notes.accept(
          "reading "
              + runs
              + ": "
              + folder
              + " has no run folders of its own, only a runs/ folder");
    }
    return runs;
  }

  /** What an empty runs folder is told: nothing to read, rather than a missing column. */
  public static final String NO_RECORDS = "no run has records yet (no run folder with a record)";

  private static void noteToStderr(String note) {
    System.err.println("scalecast: note: " + note);
  }

  /**
   * @param runsDir a folder of run folders
   * @return the table, rows ordered by run folder then step; notes go to standard error
   * @throws InputException naming the run and file that cannot be read
   */
  public static Table collect(Path runsDir) {
    return collect(runsDir, false, ResultsTable::noteToStderr).table();
  }

  /**
   * Reads every run or fails naming the run and file: a run folder without a readable {@code
   * run.json}, a records line that is not a record (file:line), or a finished run (done, diverged)
   * whose last records line is cut. An unfinished run's cut last line (a kill mid-append; the run
   * rewrites it when it resumes) is left out with a note.
   *
   * @param runsDir a folder of run folders
   * @param allowPartial leave out the runs that cannot be read, and list them, instead of failing
   * @param notes receives one line per note
   * @return the table, rows ordered by run folder then step, and the runs left out
   * @throws InputException naming the run and file that cannot be read (without allowPartial)
   */
  public static Collected collect(Path runsDir, boolean allowPartial, Consumer<String> notes) {
    if (!Files.isDirectory(runsDir)) {
      throw new InputException(runsDir + ": no such runs folder");
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    List<Missing> missing = new ArrayList<>();
    for (Path run : runFolders(runsDir)) {
      try {
        List<CheckpointRecord> records = records(run, notes);
        Map<String, Object> design = design(run);
        for (CheckpointRecord r : records) {
          Map<String, Object> row = new LinkedHashMap<>(design);
          row.putAll(flatten(r));
          rows.add(row);
        }
      } catch (RunError e) {
        if (!allowPartial) {
          throw new InputException(
              e.getMessage()
                  + (e.file.getFileName().toString().equals(MANIFEST)
                      ? "; a run folder needs its run.json"
                      : "")
                  + " (--allow-partial leaves such runs out and lists them)",
              e.getCause());
        }
        missing.add(new Missing(run, e.file, e.getMessage()));
      }
    }
    return new Collected(toTable(runsDir.toString(), rows), missing);
  }

  /**
   * @param missing runs left out of a table
   * @return them as CSV: {@code run, file, problem}
   */
  public static String missingCsv(List<Missing> missing) {
    StringBuilder sb = new StringBuilder("run,file,problem\n");
    for (Missing m : missing) {
      sb.append(quote(m.run().getFileName().toString()))
          .append(',')
          .append(quote(m.file().toString()))
          .append(',')
          .append(quote(m.problem()))
          .append('\n');
    }
    return sb.toString();
  }

  private static String quote(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /**
   * @param runsDir a runs folder
   * @return its run folders, sorted: every folder holding a run's file (run.json, records, status,
   *     state), hidden folders and others (a report, Slurm's job files) left out
   * @throws InputException when the folder cannot be listed
   */
  public static List<Path> runFolders(Path runsDir) {
    try (Stream<Path> dirs = Files.list(runsDir)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> !d.getFileName().toString().startsWith("."))
          .filter(d -> RUN_FILES.stream().anyMatch(f -> Files.exists(d.resolve(f))))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new InputException(runsDir + ": cannot read (" + CsvTables.oneLine(e) + ")", e);
    }
  }

  /** A run that cannot be read, with the file to blame. */
  private static final class RunError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    RunError(Path file, String message, Throwable cause) {
      super(message, cause);
      this.file = file;
    }
  }

  /**
   * @param run a run folder
   * @param notes receives a note when an unfinished run's cut last line is left out
   * @return its records, as {@link #collect} reads them
   * @throws InputException naming the run and file when they cannot be read
   */
  public static List<CheckpointRecord> readRun(Path run, Consumer<String> notes) {
    try {
      return records(run, notes);
    } catch (RunError e) {
      throw new InputException(e.getMessage(), e.getCause());
    }
  }

  private static List<CheckpointRecord> records(Path run, Consumer<String> notes) {
    Path manifest = run.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new RunError(manifest, run + ": no " + MANIFEST, null);
    }
    try {
      RunManifest.read(run);
    } catch (InputException e) {
      throw new RunError(manifest, e.getMessage(), e);
    }
    RecordLog log = new RecordLog(run.resolve(RECORDS));
    RecordLog.Contents c;
    try {
      c = log.contents();
    } catch (InputException e) {
      throw new RunError(run.resolve(RECORDS), e.getMessage(), e);
    } catch (IOException e) {
      throw new RunError(
          run.resolve(RECORDS),
          run.resolve(RECORDS) + ": cannot read (" + CsvTables.oneLine(e) + ")",
          e);
    }
    if (c.cutLine() > 0) {
      String state = state(run);
      if (state != null && FINISHED.contains(state)) {
        throw new RunError(
            run.resolve(RECORDS),
            log.at(c.cutLine())
                + ": last line cut (no newline) in a run that is "
                + state
                + ": its last record is lost; the records file is corrupt",
            null);
      }
      notes.accept(
          log.at(c.cutLine())
              + ": last line cut in a run that is "
              + (state == null ? "not finished" : state)
              + " (killed mid-write); left out, the run rewrites it when it resumes");
    }
    return c.records();
  }

  /** The run's state from status.json, null when there is none or it cannot be read. */
  private static String state(Path run) {
    Path f = run.resolve(STATUS);
    try {
      return Files.isRegularFile(f)
          ? RecordLog.JSON.readTree(f.toFile()).path("state").asText(null)
          : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * @param t a collected table
   * @param file the CSV to write, whole or not at all ({@link AtomicFiles})
   * @throws FileError naming the file when it cannot be written; the old file is left intact
   */
  public static void write(Table t, Path file) {
    // A written table's rows are its own file's: where a ladder's rows were read (RowSources)
    // would name another file's lines in the errors of the table read back.
    Table own =
        t.columns().stream().anyMatch(c -> c.name().equals(Columns.SOURCE_ROW))
            ? t.copy().removeColumns(Columns.SOURCE_ROW)
            : t;
    AtomicFiles.write(file, out -> own.write().csv(out));
  }

  private static Map<String, Object> design(Path run) {
    Map<String, Object> out = new LinkedHashMap<>();
    // Jackson reads JSON integers as Integer or Long: one integer type keeps the column integral.
    RunManifest.read(run)
        .design()
        .forEach((k, v) -> out.put(k, v instanceof Integer i ? Long.valueOf(i) : v));
    return out;
  }

  static Map<String, Object> flatten(CheckpointRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(Columns.SCHEMA_VERSION, (long) r.schemaVersion());
    m.put(Columns.RUN_ID, r.runId());
    m.put(Columns.STEP, r.step());
    m.put(Columns.TOKENS, r.tokens());
    m.put(Columns.FRAC_OF_BUDGET, r.fracOfBudget());
    m.put(Columns.FLOPS, r.flops());
    m.put(Columns.FLOPS_ATTENTION, r.flopsAttention());
    m.put(Columns.LR, r.lr());
    m.put(Columns.TRAIN_LOSS, r.trainLoss());
    r.valLoss().forEach((k, v) -> m.put(Columns.valLoss(k), v));
    r.valBpb().forEach((k, v) -> m.put(Columns.valBpb(k), v));
    r.tokensByDomain().forEach((k, v) -> m.put(Columns.tokens(k), v));
    r.taskScores().forEach(m::put);
    m.put(Columns.WALL_SECONDS, r.wallSeconds());
    m.put(Columns.TOKENS_PER_SECOND, r.tokensPerSecond());
    m.put(Columns.IS_FINAL, r.isFinal());
    return m;
  }

  /**
   * Column types follow the values: integers stay integers and flags booleans, so a CSV reader
   * (pandas) reads {@code step} and {@code seed} as int and {@code is_final} as bool (issue 9).
   */
  private static Table toTable(String name, List<Map<String, Object>> rows) {
    Set<String> names = new LinkedHashSet<>();
    rows.forEach(r -> names.addAll(r.keySet()));
    Table t = Table.create(name);
    for (String col : names) {
      List<Object> values = rows.stream().map(r -> r.get(col)).toList();
      t.addColumns(column(col, values));
    }
    return t;
  }

  private static Column<?> column(String name, List<Object> values) {
    if (all(values, Boolean.class)) {
      BooleanColumn c = BooleanColumn.create(name);
      values.forEach(v -> c.append((Boolean) v));
      return c;
    }
    if (all(values, Long.class)) {
      LongColumn c = LongColumn.create(name);
      values.forEach(
          v -> {
            if (v == null) {
              c.appendMissing();
            } else {
              c.append((Long) v);
            }
          });
      return c;
    }
    if (values.stream().allMatch(v -> v == null || v instanceof Number)) {
      DoubleColumn c = DoubleColumn.create(name);
      values.forEach(v -> c.append(v == null ? Double.NaN : ((Number) v).doubleValue()));
      return c;
    }
    StringColumn c = StringColumn.create(name);
    values.forEach(v -> c.append(v == null ? "" : String.valueOf(v)));
    return c;
  }

  private static boolean all(List<Object> values, Class<?> type) {
    return values.stream().allMatch(v -> v == null || type.isInstance(v))
        && values.stream().anyMatch(type::isInstance);
  }
}
