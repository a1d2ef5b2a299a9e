package org.scalecast.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class RecordLogTest {
  @TempDir Path dir;

  static CheckpointRecord record(String run, long step, boolean last) {
    return new CheckpointRecord(
        CheckpointRecord.SCHEMA_VERSION,
        run,
        step,
        step * 100,
        step / 10.0,
        6e3 * step,
        7e3 * step,
        1e-3,
        3.0 - step * 0.1,
        Map.of("text", 3.1, "mix", 3.0),
        Map.of("text", 1.2, "mix", 1.1),
        Map.of("text", step * 100),
        Map.of(),
        step,
        1000,
        last);
  }

  @Test
  void aTornLastLineIsIgnoredAndTruncatedAway() throws IOException {
    Path f = dir.resolve("records.jsonl");
    RecordLog log = new RecordLog(f);
    log.append(record("r", 1, false));
    log.append(record("r", 2, false));
    Files.writeString(
        f,
        "{\"schema_version\":1,\"run_id\":\"r\",\"st",
        StandardOpenOption.APPEND); // killed mid-write
    assertEquals(2, log.read().size());
    log.truncateTo(r -> r.step() <= 1);
    assertEquals(1, log.read().size());
    log.append(record("r", 2, true));
    assertEquals(2, log.read().get(1).step());
  }

  @Test
  void collectFlattensMapsIntoColumnsWithTheRunDesign() throws IOException {
    Path run = Files.createDirectories(dir.resolve("runs/r1"));
    Files.writeString(
        run.resolve(ResultsTable.MANIFEST),
        "{\"design\": {\"model\": \"d32\", \"n_params\": 25472}}");
    new RecordLog(run.resolve(ResultsTable.RECORDS)).append(record("r1", 1, false));
    new RecordLog(run.resolve(ResultsTable.RECORDS)).append(record("r1", 2, true));
    Table t = ResultsTable.collect(dir.resolve("runs"));
    assertEquals(2, t.rowCount());
    assertEquals("d32", t.stringColumn("model").get(0));
    assertEquals(3.1, t.doubleColumn("val_loss_text").get(1));
    assertEquals(true, t.booleanColumn("is_final").get(1));
    assertEquals(25472L, t.longColumn("n_params").get(0));
    assertEquals(200L, t.longColumn("tokens_text").get(1));
    assertEquals(1.0, CsvTables.number(t, Columns.IS_FINAL, 1));
  }

  /** Issue 9: pandas read step as 24.0 and is_final as 1.0 from results.csv. */
  @Test
  void resultsCsvWritesIntegersAsIntegersAndFlagsAsBooleans() throws IOException {
    Path run = Files.createDirectories(dir.resolve("runs/r1"));
    Files.writeString(
        run.resolve(ResultsTable.MANIFEST),
        "{\"design\": {\"seed\": 3, \"lr_peak\": 0.001, \"mix_text\": 1.0}}");
    new RecordLog(run.resolve(ResultsTable.RECORDS)).append(record("r1", 24, true));
    Path csv = dir.resolve("results.csv");
    ResultsTable.write(ResultsTable.collect(dir.resolve("runs")), csv);
    List<String> lines = Files.readAllLines(csv);
    List<String> header = List.of(lines.get(0).split(","));
    List<String> cells = List.of(lines.get(1).split(","));
    assertEquals("3", cells.get(header.indexOf(Columns.SEED)));
    assertEquals("24", cells.get(header.indexOf(Columns.STEP)));
    assertEquals("true", cells.get(header.indexOf(Columns.IS_FINAL)));
    assertEquals("1.0", cells.get(header.indexOf(Columns.mixShare("text"))));
    Table back = CsvTables.read(csv);
    assertEquals(1.0, CsvTables.number(back, Columns.IS_FINAL, 0));
    assertEquals(24.0, CsvTables.number(back, Columns.STEP, 0));
  }
}
