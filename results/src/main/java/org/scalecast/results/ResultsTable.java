package org.scalecast.results;

import com.fasterxml.jackson.databind.JsonNode;
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
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Collects a runs folder into one table, one row per run x checkpoint: the run's design columns
 * from its {@code run.json} ({@code design} object), then the checkpoint's columns from {@code
 * records.jsonl}. Maps become one column per key ({@code val_loss_text}, {@code tokens_code}, ...).
 */
public final class ResultsTable {
  /** The design object of a run folder's manifest. */
  public static final String MANIFEST = "run.json";

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
        Map<String, Object> design = design(run.resolve(MANIFEST));
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
   * @param file the CSV to write
   * @throws InputException naming the file when it cannot be written
   */
  public static void write(Table t, Path file) {
    try {
      t.write().csv(file.toFile());
    } catch (RuntimeException e) {
      throw new InputException(file + ": cannot write (" + CsvTables.oneLine(e) + ")", e);
    }
  }

  private static Map<String, Object> design(Path manifest) throws IOException {
    JsonNode d = RecordLog.JSON.readTree(manifest.toFile()).path("design");
    Map<String, Object> out = new LinkedHashMap<>();
    d.fields()
        .forEachRemaining(
            e ->
                out.put(
                    e.getKey(),
                    e.getValue().isNumber()
                        ? (Object) e.getValue().asDouble()
                        : e.getValue().asText()));
    return out;
  }

  static Map<String, Object> flatten(CheckpointRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema_version", (double) r.schemaVersion());
    m.put("run_id", r.runId());
    m.put("step", (double) r.step());
    m.put("tokens", (double) r.tokens());
    m.put("frac_of_budget", r.fracOfBudget());
    m.put("flops", r.flops());
    m.put("flops_attention", r.flopsAttention());
    m.put("lr", r.lr());
    m.put("train_loss", r.trainLoss());
    r.valLoss().forEach((k, v) -> m.put("val_loss_" + k, v));
    r.valBpb().forEach((k, v) -> m.put("val_bpb_" + k, v));
    r.tokensByDomain().forEach((k, v) -> m.put("tokens_" + k, (double) v));
    r.taskScores().forEach(m::put);
    m.put("wall_seconds", r.wallSeconds());
    m.put("tokens_per_second", r.tokensPerSecond());
    m.put("is_final", r.isFinal() ? 1.0 : 0.0);
    return m;
  }

  private static Table toTable(String name, List<Map<String, Object>> rows) {
    Set<String> names = new LinkedHashSet<>();
    rows.forEach(r -> names.addAll(r.keySet()));
    Table t = Table.create(name);
    for (String col : names) {
      boolean numeric =
          rows.stream().map(r -> r.get(col)).allMatch(v -> v == null || v instanceof Double);
      Column<?> c = numeric ? DoubleColumn.create(col) : StringColumn.create(col);
      for (Map<String, Object> r : rows) {
        Object v = r.get(col);
        if (numeric) {
          ((DoubleColumn) c).append(v == null ? Double.NaN : (Double) v);
        } else {
          ((StringColumn) c).append(v == null ? "" : String.valueOf(v));
        }
      }
      t.addColumns(c);
    }
    return t;
  }
}
