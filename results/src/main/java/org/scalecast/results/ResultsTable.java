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

  /**
   * @param source a runs folder (collected) or a results CSV (read)
   * @return its table
   * @throws InputException naming the path when it is neither
   */
  public static Table load(Path source) {
    if (!Files.exists(source)) {
      throw new InputException(source + ": no such runs folder or table");
    }
    return Files.isDirectory(source) ? collect(source) : CsvTables.read(source);
  }

  /**
   * @param runsDir a folder of run folders
   * @return the table, rows ordered by run folder then step
   */
  public static Table collect(Path runsDir) {
    if (!Files.isDirectory(runsDir)) {
      throw new InputException(runsDir + ": no such runs folder");
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(runsDir)) {
      for (Path run :
          dirs.filter(d -> Files.isRegularFile(d.resolve(MANIFEST))).sorted().toList()) {
        Map<String, Object> design = design(run);
        for (CheckpointRecord r : new RecordLog(run.resolve(RECORDS)).read()) {
          Map<String, Object> row = new LinkedHashMap<>(design);
          row.putAll(flatten(r));
          rows.add(row);
        }
      }
    } catch (IOException e) {
      throw new InputException(runsDir + ": cannot read (" + CsvTables.oneLine(e) + ")", e);
    }
    return toTable(runsDir.toString(), rows);
  }

  /**
   * @param t a collected table
   * @param file the CSV to write, whole or not at all ({@link AtomicFiles})
   * @throws FileError naming the file when it cannot be written; the old file is left intact
   */
  public static void write(Table t, Path file) {
    AtomicFiles.write(file, out -> t.write().csv(out));
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
