package org.scalecast.results.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.ResultsTable;
import org.scalecast.results.SizeNumber;
import tech.tablesaw.api.Table;

class LadderTest {
  @TempDir Path dir;

  private static LadderSpec.RoleColumns cols(
      String run, String step, String tokens, String n, String flops) {
    return new LadderSpec.RoleColumns(run, step, tokens, n, flops, null);
  }

  /** A ladder of a folder read through {@code pattern:}, its runs table joined on {@code key}. */
  private static LadderSpec patterned(
      String folder, String runs, LadderSpec.RoleColumns c, String pattern, String key) {
    return new LadderSpec(folder, runs, c, null, null, null, null, null, pattern, key);
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private static double num(Table t, String col, int row) {
    return CsvTables.number(t, col, row);
  }

  @Test
  void folderOfFilesTakesRunIdsFromFileNamesJoinsRunsAndComputesSixNd() throws Exception {
    write("runs/small.csv", "_step,loss,acc\n2,3.0,0.3\n1,3.5,0.25\n");
    write("runs/big.csv", "_step,loss,acc\n1,3.2,0.3\n2,2.8,0.4\n");
    write("runs/ignored.csv", "_step,loss,acc\n1,9,0\n");
    write("sizes.csv", "model,N\nsmall,1e6\nbig,4e6\n");
    LadderSpec spec =
        new LadderSpec(
            "runs", "sizes.csv", cols("model", "_step", null, "N", null), 100.0, null, null);
    Ladder.Read read = Ladder.read(spec, dir, List.of(Map.of("run", "big")));
    Table t = read.table();
    assertEquals(4, t.rowCount());
    assertTrue(read.notes().get(0).contains("ignored"), read.notes().toString());
    // Rows of a run ordered by step; the last one final.
    assertEquals("big", t.column(Columns.RUN_ID).getString(0));
    assertEquals(1, num(t, Columns.STEP, 0));
    assertEquals(0, num(t, Columns.IS_FINAL, 0));
    assertEquals(1, num(t, Columns.IS_FINAL, 1));
    assertEquals("target", t.column(Columns.ROLE).getString(0));
    assertEquals("sampling", t.column(Columns.ROLE).getString(2));
    // tokens = step x tokens_per_step; C = 6 N D.
    assertEquals(200, num(t, Columns.TOKENS, 1));
    assertEquals(6 * 4e6 * 200, num(t, Columns.FLOPS, 1));
    assertEquals(2.8, num(t, "loss", 1));
    assertEquals(4e6, num(t, "N", 1));
  }

  /**
   * Per-run files that carry their own run column read as they are: a change for pattern: added the
   * file-name id beside it and stopped the read ("column 'run_id' is in the file").
   */
  @Test
  void folderOfFilesWithTheirOwnRunColumn() throws Exception {
    write("own/a.csv", "run_id,step,tokens,n_params,loss\na,1,10,1e6,3\na,2,20,1e6,2.5\n");
    write("own/b.csv", "run_id,step,tokens,n_params,loss\nb,1,10,2e6,2.9\n");
    Table t =
        Ladder.read(new LadderSpec("own", null, null, null, null, null), dir, List.of()).table();
    assertEquals(List.of("a", "b"), t.column(Columns.RUN_ID).unique().asList());
    assertEquals(3, t.rowCount());
  }

  /**
   * The fits sum in row order, so a ladder read in the order its file lists the runs moved
   * predictions by up to 1.7e-8 between a long table and the same ladder as a folder (a new user,
   * twenty-fourth session). The table's rows are in one order whatever the file's.
   */
  @Test
  void rowsAreInRunAndStepOrderWhateverTheFilesOrder() throws Exception {
    String header = "run_id,step,tokens,n_params,loss\n";
    String b = "b,1,10,2e6,2.9\nb,2,20,2e6,2.7\n";
    String a = "a,2,20,1e6,2.5\na,1,10,1e6,3\n";
    write("ab.csv", header + a + b);
    write("ba.csv", header + b + a);
    LadderSpec ab = new LadderSpec("ab.csv", null, null, null, null, null);
    LadderSpec ba = new LadderSpec("ba.csv", null, null, null, null, null);
    Table first = Ladder.read(ab, dir, List.of()).table();
    Table second = Ladder.read(ba, dir, List.of()).table();
    assertEquals(List.of("a", "a", "b", "b"), second.column(Columns.RUN_ID).asList());
    // Each row still names the file's line it came from: a, step 1 is ba.csv's fourth data row.
    assertEquals(
        dir.resolve("ba.csv") + ", data row 4 (run a, step 1), column 'loss'",
        CsvTables.cell(second, "loss", 0));
    second.setName(first.name());
    assertEquals(
        first.removeColumns(Columns.SOURCE_ROW).print(),
        second.removeColumns(Columns.SOURCE_ROW).print());
  }

  /**
   * A run whose rows have a step but one is an error naming that row: a blank step of 4000 became
   * the row's position, 4, and the run's final checkpoint was its step 3000 (a bad-input hunt,
   * twenty-eighth session).
   */
  @Test
  void aRowWithoutAStepInARunWithStepsIsAnError() throws Exception {
    write(
        "blank.csv",
        "run_id,step,tokens,n_params,acc\na,1000,10,1e6,0.3\na,2000,20,1e6,0.4\na,,30,1e6,0.5\n");
    String e =
        assertThrows(
                InputException.class,
                () ->
                    Ladder.read(
                        new LadderSpec("blank.csv", null, null, null, null, null), dir, List.of()))
            .getMessage();
    assertTrue(e.contains("data row 3") && e.contains("run a has no step on this row where"), e);
    // An ordering on an empty cell leaves its row out with a note (it did in silence: the hunt).
    write("gap.csv", "run_id,step,tokens,n_params,acc\na,1,10,1e6,0.3\na,2,20,1e6,\n");
    Ladder.Read gap =
        Ladder.read(
            new LadderSpec("gap.csv", null, null, null, null, List.of("acc > 0")), dir, List.of());
    assertEquals(1, gap.table().rowCount());
    assertTrue(
        gap.notes().stream()
            .anyMatch(
                n ->
                    n.contains(
                        "left out 1 row(s) whose cell is empty or no number (first: an empty cell"
                            + " in run a)")),
        gap.notes().toString());
  }

  /**
   * One checkpoint written as two partial rows (its loss on one, its task on the other) is one row:
   * each was left out as partial, and the run lost the checkpoint for every quantity needing both
   * (a bad-input hunt, twenty-eighth session). A row with no predicted column is still left out,
   * not merged.
   */
  @Test
  void aCheckpointSplitIntoPartialRowsIsOneRow() throws Exception {
    write(
        "split.csv",
        "run_id,step,tokens,n_params,loss,acc,lr\na,1,10,1e6,3.0,,1\na,1,10,1e6,,0.3,1\n"
            + "a,2,20,1e6,2.5,0.4,1\na,2,20,1e6,,,9\n");
    Table t =
        Ladder.read(
                new LadderSpec("split.csv", null, null, null, null, null),
                dir,
                List.of(),
                List.of("loss", "acc"))
            .table();
    assertEquals(2, t.rowCount(), t.print());
    assertEquals(3.0, num(t, "loss", 0), 1e-12);
    assertEquals(0.3, num(t, "acc", 0), 1e-12);
    assertEquals(1.0, num(t, "lr", 1), 1e-12, "the row with no predicted column is left out");
  }

  /**
   * Rows of one checkpoint that differ are merged with a note naming the first column they differ
   * in and how to keep one setting: a new user's lm-eval import with a shots column (0 and 5)
   * merged both settings, 3,655 cells differing, and the note named none (twenty-eighth session).
   */
  @Test
  void mergedRowsThatDifferNameTheColumn() throws Exception {
    write(
        "shots.csv",
        "run_id,step,tokens,n_params,shots,acc\na,1,10,1e6,0,0.3\na,1,10,1e6,0,0.3\n"
            + "b,1,10,2e6,0,0.3\nb,1,10,2e6,5,0.4\nb,2,20,2e6,0,0.35\n");
    List<String> notes =
        Ladder.read(new LadderSpec("shots.csv", null, null, null, null, null), dir, List.of())
            .notes();
    assertTrue(
        notes.stream()
            .anyMatch(
                n ->
                    n.contains("data row 3, run b, step 1, column 'shots': 0 then 5")
                        && n.contains("keep one with")),
        notes.toString());
  }

  /**
   * A cell the runs table gave is named at its row there, not at the checkpoint file's row, which
   * has no such column (a review, twenty-fifth session); a column named as scalecast's own record
   * of where rows were read is an error, and a written table leaves that record out.
   */
  @Test
  void aCellIsNamedWhereItWasReadAndTheRecordOfThatIsNotWritten() throws Exception {
    write("ck.csv", "run_id,step,tokens,loss\nr2,1,10,2.9\nr1,1,10,3\n");
    write("runs.csv", "run_id,n_params,acc\nr1,1e6,0.3\nr2,2e6,34\n");
    Table t =
        Ladder.read(new LadderSpec("ck.csv", "runs.csv", null, null, null, null), dir, List.of())
            .table();
    assertEquals("r2", t.column(Columns.RUN_ID).getString(1));
    assertEquals(
        dir.resolve("runs.csv") + ", data row 2 (run r2, step 1), column 'acc'",
        CsvTables.cell(t, "acc", 1));
    assertEquals(
        dir.resolve("ck.csv") + ", data row 1 (run r2, step 1), column 'loss'",
        CsvTables.cell(t, "loss", 1));
    // Rows of one run and step are merged, and a value may be the earlier row's: both are named
    // (the later one alone was: a review, twenty-fifth session).
    write(
        "twice.csv",
        "run_id,step,tokens,n_params,acc\na,2,20,1e6,34\na,1,10,1e6,0.3\na,2,20,1e6,\n");
    Table merged =
        Ladder.read(new LadderSpec("twice.csv", null, null, null, null, null), dir, List.of())
            .table();
    assertEquals(
        dir.resolve("twice.csv")
            + ", data row 1 and "
            + dir.resolve("twice.csv")
            + ", data row 3 (run a, step 2), column 'acc'",
        CsvTables.cell(merged, "acc", 1));
    Path out = dir.resolve("out.csv");
    ResultsTable.write(t, out);
    assertFalse(Files.readString(out).contains(Columns.SOURCE_ROW), Files.readString(out));
    assertTrue(t.columnNames().contains(Columns.SOURCE_ROW));
    write("own.csv", "run_id,step,tokens,n_params,Scalecast_Source_Row\na,1,10,1e6,x\n");
    String e =
        assertThrows(
                InputException.class,
                () ->
                    Ladder.read(
                        new LadderSpec("own.csv", null, null, null, null, null), dir, List.of()))
            .getMessage();
    assertTrue(e.contains("'Scalecast_Source_Row' has a name scalecast keeps for itself"), e);
  }

  /**
   * A ladder cut to one size predicted a 7B without a word that no run varied N (a new user,
   * twenty-fifth session); the target's own N does not count.
   */
  @Test
  void samplingRunsOfOneSizeAreNoted() throws Exception {
    write(
        "one.csv",
        "run_id,step,tokens,n_params,loss\na,1,10,1e6,3\nb,1,20,1e6,2.9\nbig,1,40,7e9,2\n");
    LadderSpec spec = new LadderSpec("one.csv", null, null, null, null, null);
    List<String> notes = Ladder.read(spec, dir, List.of(Map.of("run", "big"))).notes();
    assertTrue(
        notes.stream().anyMatch(n -> n.startsWith("every sampling run has N = 1.000e+06")),
        notes.toString());
    write("two.csv", "run_id,step,tokens,n_params,loss\na,1,10,1e6,3\nb,1,20,2e6,2.9\n");
    spec = new LadderSpec("two.csv", null, null, null, null, null);
    notes = Ladder.read(spec, dir, List.of()).notes();
    assertTrue(notes.stream().noneMatch(n -> n.startsWith("every sampling run")), notes.toString());
  }

  /**
   * A token count of 1 (for "1T") or scaled twice read without a word, while a small N had its note
   * (a new user's MobileLLM ladder, thirtieth session); the note names both roles, since N in
   * millions gives the same ratio (a review); a ladder of plausible ratios gets none.
   */
  @Test
  void tokensPerParameterOutOfAnyModelsRangeAreNoted() throws Exception {
    String head = "run_id,step,tokens,n_params,loss\n";
    write("one.csv", head + "a,1,1,1.2e8,3\nb,1,1,3.4e8,2.9\n");
    List<String> notes =
        Ladder.read(new LadderSpec("one.csv", null, null, null, null, null), dir, List.of())
            .notes();
    assertTrue(
        notes.stream()
            .anyMatch(
                n ->
                    n.startsWith(
                        "every run's last checkpoint has at most 8.33e-09 tokens per parameter")),
        notes.toString());
    write("twice.csv", head + "a,1,1e24,1.2e8,3\nb,1,1e24,3.4e8,2.9\n");
    notes =
        Ladder.read(new LadderSpec("twice.csv", null, null, null, null, null), dir, List.of())
            .notes();
    assertTrue(
        notes.stream()
            .anyMatch(
                n ->
                    n.startsWith("every run's last checkpoint has at least 2.94e+15")
                        && n.contains("check the units of D and N")),
        notes.toString());
    write("fine.csv", head + "a,1,1e6,1.2e8,3\na,2,1e12,1.2e8,2\nb,1,1e12,3.4e8,2.9\n");
    notes =
        Ladder.read(new LadderSpec("fine.csv", null, null, null, null, null), dir, List.of())
            .notes();
    assertTrue(notes.stream().noneMatch(n -> n.contains("tokens per parameter")), notes.toString());
  }

  @Test
  void jsonlWithMappedColumnsAndFlopsColumn() throws Exception {
    write(
        "ladder.jsonl",
        "{\"name\":\"a\",\"it\":1,\"D\":10,\"params\":5,\"C\":7,\"eval\":{\"loss\":2.5}}\n"
            + "{\"name\":\"a\",\"it\":2,\"D\":20,\"params\":5,\"C\":9,\"eval\":{\"loss\":2.0}}\n");
    LadderSpec spec =
        new LadderSpec(
            "ladder.jsonl", null, cols("name", "it", "D", "params", "C"), null, null, null);
    Table t = Ladder.read(spec, dir, List.of()).table();
    assertEquals(2, t.rowCount());
    assertEquals(9, num(t, Columns.FLOPS, 1));
    assertEquals(20, num(t, Columns.TOKENS, 1));
    assertEquals(2.0, num(t, "eval/loss", 1));
  }

  /**
   * Per-run evaluation files as DCLM's {@code exp_data/evals/} keeps them: one pretty-printed
   * nested object each, N and D in a runs table. Read line by line, the first line (a lone brace)
   * was "not a JSON object" (fourteenth session). An array of objects reads as rows too.
   */
  @Test
  void prettyPrintedJsonPerRunAndArrays() throws Exception {
    write(
        "evals/small.json",
        "{\n  \"model\": \"s\",\n  \"eval\": {\n    \"icl\": {\"piqa\": 0.6}\n  }\n}\n");
    write("evals/big.json", "[\n {\"eval\": {\"icl\": {\"piqa\": 0.7}}}\n]");
    write("runs.csv", "run,N,D\nsmall,4e8,8e9\nbig,1e9,2e10\n");
    LadderSpec spec =
        new LadderSpec("evals", "runs.csv", cols("run", null, "D", "N", null), null, null, null);
    Table t = Ladder.read(spec, dir, List.of()).table();
    assertEquals(2, t.rowCount());
    assertEquals(0.7, num(t, "eval/icl/piqa", 0));
    assertEquals(6 * 1e9 * 2e10, num(t, Columns.FLOPS, 0));
    assertEquals(0.6, num(t, "eval/icl/piqa", 1));
    write("evals/big.json", "{\"eval\": 1}\n[1]\n");
    InputException e = assertThrows(InputException.class, () -> Ladder.read(spec, dir, List.of()));
    assertTrue(e.getMessage().contains("big.json, line 2: not a JSON object"), e.getMessage());
    // JSON Lines with a broken line: that line is named (a parser reading on named a later one).
    write("evals/big.json", "{\"eval\": 1}\n{\"eval\": \n{\"eval\": 3}\n\n");
    e = assertThrows(InputException.class, () -> Ladder.read(spec, dir, List.of()));
    assertTrue(e.getMessage().contains("big.json, line 2: not a JSON object"), e.getMessage());
    write("evals/big.json", "{\n \"eval\": \n");
    e = assertThrows(InputException.class, () -> Ladder.read(spec, dir, List.of()));
    assertTrue(e.getMessage().contains("big.json, line 3: not a JSON object"), e.getMessage());
  }

  /** A runs table headed 'run' beside a folder: the error says how it is joined (new user). */
  @Test
  void aRunsTableWithoutTheRunColumnSaysHowItIsJoined() throws Exception {
    write("evals/small.json", "{\"piqa\": 0.6}");
    write("runs.csv", "run,N,D\nsmall,4e8,8e9\n");
    LadderSpec spec =
        new LadderSpec("evals", "runs.csv", cols(null, null, "D", "N", null), null, null, null);
    InputException e = assertThrows(InputException.class, () -> Ladder.read(spec, dir, List.of()));
    assertTrue(
        e.getMessage().contains("no column 'run_id' for role run")
            && e.getMessage().contains("head it 'run_id' or map the role"),
        e.getMessage());
  }

  /**
   * DCLM's evaluation files carry dataset, model and token count in their names (a new user wrote a
   * converter for them): {@code pattern:}'s named groups become columns, {@code run} the run id; a
   * file it is not found in is left out with a note; the runs table joins on the group's id.
   */
  @Test
  void patternTakesRunIdsAndColumnsFromFileNames() throws Exception {
    write(
        "evals/evaluation_c4-open_lm_1b-tokens=28795904000_heavy.json",
        "{\"icl\": {\"piqa\": 0.7}}");
    write("evals/evaluation_c4-d=1024-tokens=8232325120_heavy.json", "{\"icl\": {\"piqa\": 0.6}}");
    write(
        "evals/evaluation_rpj-open_lm_1b-tokens=28795904000_heavy.json",
        "{\"icl\": {\"piqa\": 0.65}}");
    write("evals/notes.json", "{\"icl\": {\"piqa\": 0.1}}");
    write("sizes.csv", "run_id,N\nc4-open_lm_1b,1.4e9\nc4-d=1024,4.1e8\nrpj-open_lm_1b,1.4e9\n");
    LadderSpec spec =
        new LadderSpec(
            "evals",
            "sizes.csv",
            cols(null, null, "D", "N", null),
            null,
            null,
            List.of("data == c4"),
            null,
            null,
            "evaluation_(?<run>(?<data>[a-z0-9]+)-[^-]+)-tokens=(?<D>\\d+)_heavy",
            null);
    Ladder.Read read = Ladder.read(spec, dir, List.of());
    Table t = read.table();
    assertEquals(List.of("c4-d=1024", "c4-open_lm_1b"), t.column(Columns.RUN_ID).asList());
    assertEquals(8232325120.0, num(t, Columns.TOKENS, 0));
    assertEquals(6 * 1.4e9 * 28795904000.0, num(t, Columns.FLOPS, 1), 1e6);
    assertTrue(
        read.notes().stream().anyMatch(n -> n.contains("1 file(s)") && n.contains("notes.json")),
        read.notes().toString());
    // One file per checkpoint: a run's rows ordered by tokens, not by file name (review: the
    // 35e9 checkpoint, listed after 140e9 by name, was taken as final).
    write("ckpt/eval_m-tokens=140000000000.json", "{\"acc\": 0.6}");
    write("ckpt/eval_m-tokens=35000000000.json", "{\"acc\": 0.5}");
    write("ckpt/eval_m-tokens=70000000000.json", "{\"acc\": 0.55}");
    write("m.csv", "run_id,N\nm,1e8\n");
    LadderSpec perCheckpoint =
        patterned(
            "ckpt",
            "m.csv",
            cols(null, null, "D", "N", null),
            "eval_(?<run>m)-tokens=(?<D>\\d+)",
            null);
    Ladder.Read ckpts = Ladder.read(perCheckpoint, dir, List.of());
    Table c = ckpts.table();
    assertTrue(
        ckpts.notes().stream().anyMatch(n -> n.contains("1 run(s) read from several files")),
        ckpts.notes().toString());
    assertEquals(140e9, num(c, Columns.TOKENS, 2));
    assertEquals(1, num(c, Columns.IS_FINAL, 2));
    assertEquals(0.6, num(c, "acc", 2));
    // A group named like the mapped run column gives the id (it was dropped for the file name);
    // a bracketed "(?<x>" is no group (it stopped the read with an internal error).
    write("m2.csv", "model,N\nm,1e8\n");
    LadderSpec byModel =
        patterned(
            "ckpt",
            "m2.csv",
            cols("model", null, "D", "N", null),
            "eval_(?<model>m)[\\(?<x>]?-tokens=(?<D>\\d+)",
            null);
    Table b = Ladder.read(byModel, dir, List.of()).table();
    assertEquals(List.of("m"), b.column(Columns.RUN_ID).unique().asList());
    // Two runs under one id (a new user's short run group): two files at the same tokens.
    write("ckpt/eval_m-tokens=70000000000-b.json", "{\"acc\": 0.52}");
    InputException twice =
        assertThrows(InputException.class, () -> Ladder.read(perCheckpoint, dir, List.of()));
    assertTrue(
        twice.getMessage().contains("run 'm' has two checkpoints at 7.0E10 tokens"),
        twice.getMessage());
    Files.delete(dir.resolve("ckpt/eval_m-tokens=70000000000-b.json"));
    // A runs table's D beside the names' D: the files' values are read, with a note.
    write("m.csv", "run_id,N,D\nm,1e8,999\n");
    assertTrue(
        Ladder.read(perCheckpoint, dir, List.of()).notes().stream()
            .anyMatch(n -> n.contains("column(s) D in both")));
    // A target's where: on a column that is not there says so (it said "matches no run").
    InputException target =
        assertThrows(
            InputException.class,
            () -> Ladder.read(perCheckpoint, dir, List.of(Map.of("lrate", "1"))));
    assertTrue(target.getMessage().contains("no column 'lrate'"), target.getMessage());
    LadderSpec none =
        new LadderSpec("evals", null, null, null, null, null, null, null, "^nothing", null);
    InputException e = assertThrows(InputException.class, () -> Ladder.read(none, dir, List.of()));
    assertTrue(e.getMessage().contains("is found in no file name there"), e.getMessage());
    e =
        assertThrows(
            InputException.class,
            () ->
                new LadderSpec("evals", null, null, null, null, null, null, null, "(?<run", null));
    assertTrue(
        e.getMessage().startsWith("ladder: pattern: '(?<run' is not a regular"), e.getMessage());
  }

  /**
   * A runs table of one row per model size, joined on a pattern group (a new user copied run ids of
   * 70 characters into runs tables to give three sizes' N): runs whose size it does not list are
   * left out with a note, a listed size without checkpoints is an error naming the key.
   */
  @Test
  void runsKeyJoinsTheRunsTableOnAnotherColumn() throws Exception {
    write("k/eval_c4-small-1x-tokens=100.json", "{\"acc\": 0.3}");
    write("k/eval_c4-small-5x-tokens=500.json", "{\"acc\": 0.35}");
    write("k/eval_c4-big-1x-tokens=400.json", "{\"acc\": 0.4}");
    write("k/eval_c4-huge-1x-tokens=900.json", "{\"acc\": 0.5}");
    write("sizes.csv", "size,N\nsmall,1e6\nbig,4e6\n");
    String pattern = "eval_(?<run>c4-(?<size>[a-z]+)-[0-9]+x)-tokens=(?<D>\\d+)";
    LadderSpec spec =
        patterned("k", "sizes.csv", cols(null, null, "D", "N", null), pattern, "size");
    Ladder.Read read = Ladder.read(spec, dir, List.of());
    Table t = read.table();
    assertEquals(
        List.of("c4-big-1x", "c4-small-1x", "c4-small-5x"), t.column(Columns.RUN_ID).asList());
    assertEquals(6 * 1e6 * 500, num(t, Columns.FLOPS, 2));
    assertTrue(
        read.notes().stream().anyMatch(n -> n.contains("left out 1 run(s)") && n.contains("huge")),
        read.notes().toString());
    // A runs_key the runs table lacks is named as such (it said "for role run ... map the role").
    LadderSpec misspelt =
        patterned("k", "sizes.csv", cols(null, null, "D", "N", null), pattern, "sise");
    InputException key =
        assertThrows(InputException.class, () -> Ladder.read(misspelt, dir, List.of()));
    assertTrue(key.getMessage().contains("no column 'sise' for role runs_key"), key.getMessage());
    write("sizes.csv", "size,N\nsmall,1e6\nbig,4e6\ngiant,9e6\n");
    InputException e = assertThrows(InputException.class, () -> Ladder.read(spec, dir, List.of()));
    assertTrue(e.getMessage().contains("for size giant"), e.getMessage());
  }

  @Test
  void whereComparesNumbersAndTextButSparesTargets() throws Exception {
    write(
        "all.csv",
        "run_id,step,tokens,n_params,kind,x\n"
            + "a,1,10,1e6,std,1\na,2,20,1e6,std,2\n"
            + "b,1,10,3e9,std,3\nb,2,20,3e9,std,4\n"
            + "c,1,10,1e6,dedup,5\nc,2,20,1e6,dedup,6\n"
            + "t,1,10,7e9,std,7\n");
    LadderSpec spec =
        new LadderSpec(
            "all.csv", null, null, null, null, List.of("N < 2e9", "kind != dedup", "tokens >= 20"));
    // 'N' is no column here (the role name n_params is): the closest names, not every column.
    InputException e = assertThrows(InputException.class, () -> Ladder.read(spec, dir, List.of()));
    assertTrue(e.getMessage().contains("no column 'N'; closest: "), e.getMessage());
    // A misspelt operator is named as one, not as a column (a bad-input hunt).
    // It was echoed back as 'n_params = < 2e9' (twenty-sixth session): quoted as written.
    InputException o =
        assertThrows(
            InputException.class,
            () ->
                Ladder.read(
                    new LadderSpec("all.csv", null, null, null, null, List.of("n_params =< 2e9")),
                    dir,
                    List.of()));
    assertEquals(
        "where: 'n_params =< 2e9': '=<' is no operator; an operator is one of < <= > >= == !=",
        o.getMessage());
    LadderSpec ok =
        new LadderSpec(
            "all.csv",
            null,
            null,
            null,
            null,
            List.of("n_params < 2e9", "kind != dedup", "tokens >= 20"));
    Ladder.Read read = Ladder.read(ok, dir, List.of(Map.of("run", "t")));
    Table t = read.table();
    assertEquals(List.of("a", "t"), t.column(Columns.RUN_ID).unique().asList());
    assertEquals(2, t.rowCount());
    assertEquals(1, num(t, Columns.IS_FINAL, 0));
    // A filter doing its job says how many runs it left out, not "no checkpoint of" them, which a
    // new user read as data lost (seventeenth session).
    assertTrue(
        read.notes().stream()
            .anyMatch(n -> n.endsWith("tokens >= 20] leaves out 2 of 4 runs: b, c")),
        read.notes().toString());
    // Step-0 rows (D = 0) of the runs where: keeps do not turn the note back into "where and D =
    // 0 leave no checkpoint of" the run where: left out (review of the change).
    write(
        "steps.csv",
        "run_id,step,tokens,n_params,x\n"
            + "a,0,0,1e6,1\na,1,10,1e6,2\nb,0,0,2e6,1\nb,1,10,2e6,3\n"
            + "d,0,0,3e9,1\nd,1,10,3e9,4\nt,1,10,7e9,7\n");
    LadderSpec steps =
        new LadderSpec("steps.csv", null, null, null, null, List.of("n_params < 2e9"));
    List<String> notes = Ladder.read(steps, dir, List.of(Map.of("run", "t"))).notes();
    assertTrue(
        notes.stream().anyMatch(n -> n.equals("where [n_params < 2e9] leaves out 1 of 4 runs: d")),
        notes.toString());
    assertTrue(notes.stream().noneMatch(n -> n.contains("checkpoint of")), notes.toString());
  }

  /**
   * A published table in billions of parameters and trillions of tokens (Ruan et al. 2024's "Model
   * Size (B)", "Pretraining Data Size (T)"): units scale the roles, C = 6 N D is in FLOPs, and
   * where compares the scaled role.
   */
  @Test
  void unitsScaleRoleColumns() throws Exception {
    write(
        "m.csv", "Model,Size (B),Data (T),FLOPs (1E21),acc\na,0.5,2.4,7.2,0.3\nb,4,2.4,57.6,0.5\n");
    LadderSpec.RoleColumns c = cols("Model", null, "Data (T)", "Size (B)", null);
    LadderSpec spec =
        new LadderSpec(
            "m.csv",
            null,
            c,
            null,
            null,
            List.of("n_params < 1e9"),
            null,
            Map.of("n_params", 1e9, "tokens", 1e12),
            null,
            null);
    Table t = Ladder.read(spec, dir, List.of()).table();
    assertEquals(1, t.rowCount());
    assertEquals(5e8, num(t, Columns.N_PARAMS, 0));
    // Without units, N = 0.5 parameters: a note says what units: would do.
    LadderSpec plain = new LadderSpec("m.csv", null, c, null, null, null);
    assertTrue(
        Ladder.read(plain, dir, List.of()).notes().stream()
            .anyMatch(n -> n.contains("give units: {n_params: 1e6 or 1e9}")));
    assertEquals(2.4e12, num(t, Columns.TOKENS, 0));
    assertEquals(6 * 5e8 * 2.4e12, num(t, Columns.FLOPS, 0), 1e12);
    LadderSpec flops =
        new LadderSpec(
            "m.csv",
            null,
            cols("Model", null, "Data (T)", "Size (B)", "FLOPs (1E21)"),
            null,
            null,
            null,
            null,
            Map.of("n_params", 1e9, "tokens", 1e12, "flops", 1e21),
            null,
            null);
    assertEquals(5.76e22, num(Ladder.read(flops, dir, List.of()).table(), Columns.FLOPS, 1), 1e9);
    // A size suffix with a unit counts the unit twice; a suffix compared with the scaled column
    // as written keeps everything.
    write("s.csv", "Model,Size (B),Data (T),acc\na,0.5B,2.4,0.3\n");
    Map<String, Double> units = Map.of("n_params", 1e9, "tokens", 1e12);
    InputException twice =
        assertThrows(
            InputException.class,
            () ->
                Ladder.read(
                    new LadderSpec("s.csv", null, c, null, null, null, null, units, null, null),
                    dir,
                    List.of()));
    assertTrue(
        twice.getMessage().contains("'0.5B' has a size suffix and units:"), twice.getMessage());
    InputException trap =
        assertThrows(
            InputException.class,
            () ->
                Ladder.read(
                    new LadderSpec(
                        "m.csv",
                        null,
                        c,
                        null,
                        null,
                        List.of("Size (B) <= 4B"),
                        null,
                        units,
                        null,
                        null),
                    dir,
                    List.of()));
    assertTrue(trap.getMessage().contains("compare the role, 'n_params <= 4B'"), trap.getMessage());
    InputException bad =
        assertThrows(
            InputException.class,
            () ->
                new LadderSpec(
                    "m.csv", null, c, null, null, null, null, Map.of("N", 1e9), null, null));
    assertTrue(bad.getMessage().contains("units: 'N' is not a role"), bad.getMessage());
    InputException zero =
        assertThrows(
            InputException.class,
            () ->
                new LadderSpec(
                    "m.csv", null, c, null, null, null, null, Map.of("tokens", 0.0), null, null));
    assertTrue(zero.getMessage().contains("tokens must be a positive number"), zero.getMessage());
  }

  /**
   * A row whose roles cannot be read is left out only by a condition on a column it has: a
   * condition on a role (unknown for it) must not drop it, and its error, in silence (a review:
   * `where: [step >= 10]` with a bad N left the run out with a note, exit 0). Targets alike; a
   * target matching two runs is one line.
   */
  @Test
  void aRowWithUnreadableRolesIsNeverDroppedByAConditionOnThem() throws Exception {
    write(
        "p.csv",
        "Model,Family,N,D,acc\na,A,1e8,1e10,0.3\nb,A,x,1e10,0.4\nc,B,2e8,,0.5\nt,A,7e9,1e11,0.6\n");
    LadderSpec.RoleColumns c = cols("Model", null, "D", "N", null);
    LadderSpec byRole = new LadderSpec("p.csv", null, c, null, null, List.of("n_params < 5e9"));
    InputException e =
        assertThrows(
            InputException.class,
            () -> Ladder.read(byRole, dir, List.of(Map.of("run", "t"))).table());
    assertTrue(e.getMessage().contains("'x' is not a number"), e.getMessage());
    // Left out by its family: read, and c's empty D does not matter either.
    LadderSpec byFamily =
        new LadderSpec("p.csv", null, c, null, null, List.of("Family == A", "Model != b"));
    assertEquals(2, Ladder.read(byFamily, dir, List.of(Map.of("run", "t"))).table().rowCount());
    // A target named by a role: b's N is unknown, so it might be the one.
    InputException t =
        assertThrows(
            InputException.class,
            () -> Ladder.read(byFamily, dir, List.of(Map.of("n_params", "7e9"))));
    assertTrue(t.getMessage().contains("'x' is not a number"), t.getMessage());
    // A row whose N was read and D was not is left out by a condition on N (a review: the 70B row
    // of a published table, no token count, stopped a read filtered to n_params <= 13e9).
    write(
        "q.csv", "Model,N,D,acc\na,1e8,1e10,0.3\nm,2e8,1e10,0.35\nbig,7e10,,0.7\nt,7e9,1e11,0.6\n");
    LadderSpec byN = new LadderSpec("q.csv", null, c, null, null, List.of("n_params < 1e10"));
    assertEquals(3, Ladder.read(byN, dir, List.of(Map.of("run", "t"))).table().rowCount());
    // A target inside the ladder (less compute than run m) is noted: it is no sampling run.
    assertTrue(
        Ladder.read(byN, dir, List.of(Map.of("run", "a"))).notes().stream()
            .anyMatch(n -> n.contains("target run 'a' (C = 6.00e+18) has no more compute than")),
        "note");
    InputException none =
        assertThrows(
            InputException.class,
            () ->
                Ladder.read(
                    new LadderSpec("p.csv", null, c, null, null, List.of("Family == C")),
                    dir,
                    List.of(Map.of("run", "t"))));
    assertTrue(none.getMessage().contains("leaves no sampling run"), none.getMessage());
    InputException two =
        assertThrows(
            InputException.class, () -> Ladder.read(byFamily, dir, List.of(Map.of("Family", "A"))));
    assertTrue(two.getMessage().contains("matches 3 runs"), two.getMessage());
  }

  /** Sizes as runs tables write them: 1.3B, 180B, 70M (K, M, B or G, T), in roles and where. */
  @Test
  void sizesWithSuffixesAreNumbers() throws Exception {
    write("s.csv", "run_id,step,tokens,n_params,x\na,1,180B,70M,1\nb,1,300b,1.3B,2\n");
    LadderSpec spec = new LadderSpec("s.csv", null, null, null, null, List.of("n_params < 1B"));
    Table t = Ladder.read(spec, dir, List.of()).table();
    assertEquals(1, t.rowCount());
    assertEquals(7e7, num(t, Columns.N_PARAMS, 0));
    assertEquals(1.8e11, num(t, Columns.TOKENS, 0));
    assertEquals(6 * 7e7 * 1.8e11, num(t, Columns.FLOPS, 0), 1e6);
    assertEquals(1.3e9, SizeNumber.parse("1.3B"));
    assertEquals(2e12, SizeNumber.parse(" 2t "));
    assertEquals(null, SizeNumber.parse("B"));
    assertEquals(null, SizeNumber.parse("1B-10xC"));
    assertEquals(8.3e9, SizeNumber.parse("8.3B"), 0.0, "as 8.3e9 written out, not 8.3 * 1e9");
    assertEquals(4.1e9, SizeNumber.parse("4.1B"), 0.0);
  }

  @Test
  void comparisonParsesEveryOperatorAndQuotes() {
    assertTrue(Comparison.parse("N < 2e9").test("1e9"));
    assertFalse(Comparison.parse("N < 2e9").test("2e9"));
    assertTrue(Comparison.parse("N <= 2e9").test("2e9"));
    assertTrue(Comparison.parse("x > 1").test("1.5"));
    assertTrue(Comparison.parse("x >= 1").test("1"));
    assertTrue(Comparison.parse("x == 1e3").test("1000"));
    assertTrue(Comparison.parse("run != 'peteish7'").test("peteish13"));
    assertTrue(Comparison.parse("run == \"a b\"").test("a b"));
    InputException e = assertThrows(InputException.class, () -> Comparison.parse("run < abc"));
    assertTrue(e.getMessage().contains("needs a number"), e.getMessage());
    assertThrows(InputException.class, () -> Comparison.parse("N ~ 3"));
  }

  /**
   * A published table of 148 models joined with a runs table of one family's: the note on the rows
   * left out names a few and counts the rest (it listed all 141 names in one line).
   */
  @Test
  void runsLeftOutByTheRunsTableAreCountedNotAllListed() throws Exception {
    StringBuilder t = new StringBuilder("run,step,tokens,acc\n");
    for (int i = 0; i < 30; i++) {
      t.append("m").append(i).append(",1,10,0.5\n");
    }
    write("wide.csv", t.toString());
    write("runs.csv", "run,N\nm0,1e6\n");
    LadderSpec spec =
        new LadderSpec(
            "wide.csv", "runs.csv", cols("run", null, null, "N", null), null, null, null);
    String note =
        Ladder.read(spec, dir, List.of()).notes().stream()
            .filter(n -> n.contains("does not list"))
            .findFirst()
            .orElseThrow();
    assertTrue(note.contains("left out 29 run(s)") && note.contains("and 26 more"), note);
    assertFalse(note.contains("m29"), note);
  }

  /**
   * A runs table keyed by Hugging Face ids beside the imported run ids: the error names the
   * ladder's closest runs (a new user's lm-evaluation-harness import, twenty-third session).
   */
  @Test
  void aRunsTableIdTheLadderLacksGetsItsClosestRuns() throws Exception {
    write("hf.csv", "run,step,tokens,acc\npythia-160m,1,10,0.5\npythia-410m,1,10,0.6\n");
    write("hfruns.csv", "run,N\nEleutherAI/pythia-160m,1e8\npythia-410m,3e8\n");
    LadderSpec spec =
        new LadderSpec(
            "hf.csv", "hfruns.csv", cols("run", null, null, "N", null), null, null, null);
    InputException e = assertThrows(InputException.class, () -> Ladder.read(spec, dir, List.of()));
    assertTrue(
        e.getMessage()
            .contains("the ladder's runs closest to 'EleutherAI/pythia-160m': pythia-160m,"),
        e.getMessage());
  }

  /** A long table of runs x steps x tasks, the score in {@code acc}, N from runs.csv. */
  private static LadderSpec longSpec(String file) {
    return new LadderSpec(
        file,
        "runs.csv",
        cols("run", null, null, "N", null),
        null,
        new LadderSpec.Pivot("task", "acc"),
        null);
  }

  @Test
  void longTablePivotsOneColumnPerTask() throws Exception {
    write(
        "long.csv",
        "run,step,task,acc,tokens\n"
            + "a,1,piqa,0.6,10\na,1,arc,0.3,10\na,2,piqa,0.7,20\na,2,arc,0.35,20\n");
    write("runs.csv", "run,N\na,1e6\n");
    LadderSpec spec = longSpec("long.csv");
    Table t = Ladder.read(spec, dir, List.of()).table();
    assertEquals(2, t.rowCount());
    assertEquals(0.35, num(t, "arc", 1));
    assertEquals(0.6, num(t, "piqa", 0));
    // A step of one value written two ways is one checkpoint: 2.0 beside 2 were two, each with the
    // other's task empty (a bad-input hunt, twenty-eighth session); the pivot still makes two
    // rows, and the partial rows of one checkpoint are merged since 84ed2ed.
    write("twoways.csv", "run,step,task,acc,tokens\na,2,piqa,0.6,20\na,2.0,arc,0.3,20\n");
    Table twoWays = Ladder.read(longSpec("twoways.csv"), dir, List.of()).table();
    assertEquals(1, twoWays.rowCount());
    assertEquals(0.3, num(twoWays, "arc", 0));
    assertEquals(0.6, num(twoWays, "piqa", 0));
    write("dup.csv", "run,step,task,acc,tokens\na,1,piqa,0.6,10\na,1,piqa,0.7,10\n");
    LadderSpec dup = longSpec("dup.csv");
    InputException e = assertThrows(InputException.class, () -> Ladder.read(dup, dir, List.of()));
    assertTrue(
        e.getMessage().contains("data row 2") && e.getMessage().contains("piqa"), e.getMessage());
    // Another column that differs between a checkpoint's tasks is one per task, as the long
    // import of lm-evaluation-harness results writes each task's stderr (a new user's import,
    // twenty-third session: every such column was refused); a role column must agree.
    write(
        "stderr.csv",
        "run,step,task,acc,acc_stderr,tokens\n"
            + "a,1,piqa,0.6,0.011,10\na,1,arc,0.3,0.013,10\na,2,piqa,0.7,0.010,20\n");
    LadderSpec withStderr = longSpec("stderr.csv");
    Table s = Ladder.read(withStderr, dir, List.of()).table();
    assertEquals(0.013, num(s, "arc_acc_stderr", 0));
    assertEquals(0.010, num(s, "piqa_acc_stderr", 1));
    assertTrue(
        s.columnNames().stream().noneMatch(c -> c.equals("acc_stderr")),
        s.columnNames().toString());
    write("tokens.csv", "run,step,task,acc,tokens\na,1,piqa,0.6,10\na,1,arc,0.3,11\n");
    LadderSpec tokens = longSpec("tokens.csv");
    InputException role =
        assertThrows(InputException.class, () -> Ladder.read(tokens, dir, List.of()));
    assertTrue(role.getMessage().contains("column 'tokens': '11'"), role.getMessage());
    // A review: a metric only one task has is named per task as well, and the split is noted; a
    // per-task name that is also a task's name is an error, not a column overwritten.
    write(
        "ppl.csv",
        "run,step,task,acc,perplexity,tokens\na,1,lambada,0.4,30,10\na,1,piqa,0.6,,10\n");
    Ladder.Read ppl = Ladder.read(longSpec("ppl.csv"), dir, List.of());
    assertEquals(30.0, num(ppl.table(), "lambada_perplexity", 0));
    assertTrue(
        ppl.notes().stream()
            .anyMatch(n -> n.contains("one per task (<task>_<column>): perplexity")),
        ppl.notes().toString());
    write("clash.csv", "run,step,task,acc,x,tokens\na,1,a,0.4,1,10\na,1,a_x,0.3,2,10\n");
    InputException clash =
        assertThrows(
            InputException.class, () -> Ladder.read(longSpec("clash.csv"), dir, List.of()));
    assertTrue(
        clash.getMessage().contains("the column 'a_x' would be made twice"), clash.getMessage());
  }

  @Test
  void badInputNamesFileRowColumnAndRole() throws Exception {
    write("t.csv", "run_id,step,tokens,N\na,1,10,1e6\na,2,20,big\n");
    LadderSpec noRole = new LadderSpec("t.csv", null, null, null, null, null);
    InputException missing =
        assertThrows(InputException.class, () -> Ladder.read(noRole, dir, List.of()));
    assertTrue(
        missing.getMessage().contains("no column 'n_params' for role n_params")
            && missing.getMessage().contains("columns: run_id, step, tokens, N"),
        missing.getMessage());
    LadderSpec mapped =
        new LadderSpec("t.csv", null, cols(null, null, null, "N", null), null, null, null);
    InputException bad =
        assertThrows(InputException.class, () -> Ladder.read(mapped, dir, List.of()));
    assertEquals(
        dir.resolve("t.csv")
            + ", data row 2, column 'N' (role n_params): 'big' is not a number (e.g. 1.3e9, or"
            + " 1.3B with K, M, B or T)",
        bad.getMessage());
    LadderSpec wrongMap =
        new LadderSpec("t.csv", null, cols(null, null, "D", "N", null), null, null, null);
    InputException d =
        assertThrows(InputException.class, () -> Ladder.read(wrongMap, dir, List.of()));
    assertTrue(d.getMessage().contains("no column 'D' for role tokens"), d.getMessage());
    write("u.csv", "run_id,step,N\na,1,1e6\n");
    LadderSpec noTokens =
        new LadderSpec("u.csv", null, cols(null, null, null, "N", null), null, null, null);
    InputException tk =
        assertThrows(InputException.class, () -> Ladder.read(noTokens, dir, List.of()));
    // The file, the fix, then its columns: it named "data row 1" and listed every column.
    assertEquals(
        dir.resolve("u.csv")
            + ": no tokens: no column 'tokens' (role tokens); give tokens_per_step (a number, or a"
            + " column of the runs table) with columns.step, or map columns.tokens to a column"
            + " (columns: run_id, step, N)",
        tk.getMessage());
    write("runs.csv", "run_id,N\na,1e6\nghost,2e6\n");
    write("v.csv", "run_id,step,tokens\na,1,10\n");
    LadderSpec ghost =
        new LadderSpec("v.csv", "runs.csv", cols(null, null, null, "N", null), null, null, null);
    InputException g = assertThrows(InputException.class, () -> Ladder.read(ghost, dir, List.of()));
    assertTrue(g.getMessage().contains("for run ghost"), g.getMessage());
    write("runs2.csv", "run_id,N\na,1e6\n");
    LadderSpec target =
        new LadderSpec("v.csv", "runs2.csv", cols(null, null, null, "N", null), null, null, null);
    InputException tg =
        assertThrows(
            InputException.class, () -> Ladder.read(target, dir, List.of(Map.of("run", "zzz"))));
    assertTrue(tg.getMessage().contains("matches no run"), tg.getMessage());
    write("w.csv", "run_id,step,tokens,N\na,1,10\n");
    InputException cells =
        assertThrows(
            InputException.class,
            () ->
                Ladder.read(new LadderSpec("w.csv", null, null, null, null, null), dir, List.of()));
    assertTrue(
        cells.getMessage().contains("data row 1: 3 cells where the header has 4"),
        cells.getMessage());
  }

  /**
   * From a bad-input hunt (sixteenth session): a runs table's bad N was blamed on a checkpoint
   * file; N <= 0 and a negative step read with exit 0; two targets naming one run read as two
   * targets; a repeated (run, step) row was read twice; R's NA and JSON's NaN were errors.
   */
  @Test
  void badRoleValuesRepeatedStepsAndMissingSpellings() throws Exception {
    write("c/a.csv", "_step,tokens,loss\n1,10,3.0\n2,20,2.5\n");
    write("c/b.csv", "_step,tokens,loss\n1,10,2.9\n2,20,2.4\n2,20,NA\n");
    write("sizes.csv", "run_id,N\na,0\nb,2e6\n");
    LadderSpec spec =
        new LadderSpec("c", "sizes.csv", cols(null, "_step", null, "N", null), null, null, null);
    InputException zero =
        assertThrows(InputException.class, () -> Ladder.read(spec, dir, List.of()));
    assertEquals(
        dir.resolve("sizes.csv") + ", data row 1, column 'N' (role n_params): 0: must be > 0",
        zero.getMessage());
    write("sizes.csv", "run_id,N\na,1e6\nb,2e6\n");
    Ladder.Read read = Ladder.read(spec, dir, List.of());
    // b's step 2 once: a later NA does not overwrite the earlier row's value (review).
    assertEquals(4, read.table().rowCount());
    assertEquals(2.4, num(read.table(), "loss", 3));
    assertTrue(
        read.notes().stream().anyMatch(n -> n.startsWith("1 checkpoint row(s) repeat the run")),
        read.notes().toString());
    InputException twice =
        assertThrows(
            InputException.class,
            () -> Ladder.read(spec, dir, List.of(Map.of("run", "b"), Map.of("run", "b"))));
    assertTrue(twice.getMessage().contains("as another target does"), twice.getMessage());
    write("c/b.csv", "_step,tokens,loss\n1,10,2.9\n-2,20,2.4\n");
    InputException step =
        assertThrows(InputException.class, () -> Ladder.read(spec, dir, List.of()));
    assertTrue(step.getMessage().endsWith("(role step): -2: must be >= 0"), step.getMessage());
    write(
        "all.jsonl",
        "{\"run_id\": \"a\", \"step\": 1, \"tokens\": 10, \"N\": 1e6, \"loss\": NaN}\n");
    Ladder.Read json =
        Ladder.read(
            new LadderSpec("all.jsonl", null, cols(null, null, null, "N", null), null, null, null),
            dir,
            List.of());
    assertEquals(1, json.table().rowCount());
  }

  /**
   * A header with a name twice, or one tab-separated name, is an error; an unnamed column reads.
   */
  @Test
  void headersWithARepeatedNameOrAnotherSeparator() throws Exception {
    write("d.csv", "run_id,step,tokens,N,loss,loss\na,1,10,1e6,3.0,2.0\n");
    LadderSpec spec = new LadderSpec("d.csv", null, null, null, null, null);
    InputException twice =
        assertThrows(InputException.class, () -> Ladder.read(spec, dir, List.of()));
    assertEquals(
        dir.resolve("d.csv") + ": column 'loss' is in the header twice (columns 5 and 6)",
        twice.getMessage());
    write("d.csv", "run_id\tstep\ttokens\tN\na\t1\t10\t1e6\n");
    InputException tabs =
        assertThrows(InputException.class, () -> Ladder.read(spec, dir, List.of()));
    assertTrue(tabs.getMessage().endsWith("(this one looks tab-separated)"), tabs.getMessage());
    write("d.csv", ",run_id,step,tokens,n_params\n0,a,1,10,1e6\n");
    assertEquals(1, Ladder.read(spec, dir, List.of()).table().rowCount());
  }

  @Test
  void derivedColumnIsTheWeightedMeanAndEmptyWhereAColumnItAveragesIsEmpty() throws Exception {
    write("all.csv", "run_id,step,tokens,n_params,a,b\nr,1,10,1e6,0.2,0.6\nr,2,20,1e6,0.4,\n");
    LadderSpec.Derived mmlu = new LadderSpec.Derived("m", List.of("a", "b"), List.of(1.0, 3.0));
    LadderSpec spec = allCsv(mmlu);
    Table t = Ladder.read(spec, dir, List.of()).table();
    assertEquals((0.2 + 3 * 0.6) / 4, num(t, "m", 0), 1e-12);
    assertTrue(Double.isNaN(t.doubleColumn("m").getDouble(1)));
    // Derived columns are predicted columns like any other: a row without one is left out.
    Ladder.Read read = Ladder.read(spec, dir, List.of(), List.of("a", "m"));
    assertEquals(1, read.table().rowCount());
    assertEquals(1, num(read.table(), Columns.IS_FINAL, 0));
    LadderSpec equal = allCsv(new LadderSpec.Derived("m", List.of("a", "b"), null));
    assertEquals(0.4, num(Ladder.read(equal, dir, List.of()).table(), "m", 0), 1e-12);
    // A derived column may average an earlier one.
    LadderSpec chained = allCsv(mmlu, new LadderSpec.Derived("m2", List.of("m", "a"), null));
    Table t2 = Ladder.read(chained, dir, List.of()).table();
    assertEquals(((0.2 + 3 * 0.6) / 4 + 0.2) / 2, num(t2, "m2", 0), 1e-12);
    // match: every column the pattern matches in full, equal weights (MMLU's 57 subjects).
    LadderSpec.Derived byPattern = new LadderSpec.Derived("m", null, null, "[ab]", null);
    LadderSpec matched = allCsv(byPattern);
    assertEquals(0.4, num(Ladder.read(matched, dir, List.of()).table(), "m", 0), 1e-12);
    LadderSpec.Derived none = new LadderSpec.Derived("m", null, null, "z.*", null);
    LadderSpec unmatched = allCsv(none);
    InputException e =
        assertThrows(InputException.class, () -> Ladder.read(unmatched, dir, List.of()));
    assertTrue(
        e.getMessage().contains("'match: z.*' matches no column name in full"), e.getMessage());
    // The columns a pattern took are named in a note.
    assertTrue(
        Ladder.read(matched, dir, List.of()).notes().stream()
            .anyMatch(
                n ->
                    n.contains(
                        "derive 'm' averages the 2 column(s) 'match: [ab]' matches in full: a, b")),
        Ladder.read(matched, dir, List.of()).notes().toString());
  }

  @Test
  void derivedColumnErrorsNameTheEntryAndColumn() throws Exception {
    write("all.csv", "run_id,step,tokens,n_params,a,b\nr,1,10,1e6,0.2,x\n");
    String missing = deriveError("m", "a", "c");
    assertTrue(missing.contains("derive 'm': no column 'c'"), missing);
    String text = deriveError("m", "a", "b");
    assertTrue(text.contains("column 'b'") && text.contains("'x' is not a number"), text);
    String clash = deriveError("a", "b");
    assertTrue(clash.contains("already have a column"), clash);
    InputException weights =
        assertThrows(
            InputException.class,
            () -> new LadderSpec.Derived("m", List.of("a", "b"), List.of(1.0)));
    assertTrue(weights.getMessage().contains("1 weights for 2 columns"), weights.getMessage());
  }

  /**
   * {@code log:} a perplexity's natural log, the loss in nats the laws are stated for; a cell at or
   * below 0 has none, and one entry gives one way to derive.
   */
  @Test
  void derivedLogIsTheNaturalLogOfItsColumn() throws Exception {
    write("all.csv", "run_id,step,tokens,n_params,ppl\nr,1,10,1e6,7.5\nr,2,20,1e6,\n");
    LadderSpec spec = allCsv(new LadderSpec.Derived("loss", null, null, null, "ppl"));
    Table t = Ladder.read(spec, dir, List.of()).table();
    assertEquals(Math.log(7.5), num(t, "loss", 0), 1e-12);
    assertTrue(Double.isNaN(t.doubleColumn("loss").getDouble(1)), "empty where its column is");
    // A cell at 0 has no log: an error where it is read, named by run and step, and nothing
    // where where: leaves its row out (it stopped the read before).
    write("all.csv", "run_id,step,tokens,n_params,ppl\nr,1,10,1e6,0\nr,2,20,1e6,7.5\n");
    Table read = Ladder.read(spec, dir, List.of()).table();
    String zero =
        assertThrows(InputException.class, () -> CsvTables.number(read, "loss", 0)).getMessage();
    assertTrue(
        zero.contains(
            "(run r, step 1), column 'loss': no log of 0.0 (the log of column 'ppl', which must"
                + " be > 0)"),
        zero);
    LadderSpec later =
        allCsv(List.of("step >= 2"), new LadderSpec.Derived("loss", null, null, null, "ppl"));
    Table kept = Ladder.read(later, dir, List.of(), List.of("loss")).table();
    assertEquals(Math.log(7.5), num(kept, "loss", 0), 1e-12);
    // An ordering on the derived column leaves the row without a log out, and says so.
    LadderSpec onLog =
        allCsv(List.of("loss < 3"), new LadderSpec.Derived("loss", null, null, null, "ppl"));
    Ladder.Read filtered = Ladder.read(onLog, dir, List.of(), List.of("loss"));
    assertEquals(1, filtered.table().rowCount());
    assertTrue(
        filtered.notes().stream()
            .anyMatch(
                n ->
                    n.contains(
                        "where 'loss < 3' left out 1 row(s) whose cell is empty or no number (first:"
                            + " 'no log of 0.0 (the log of column 'ppl', which must be > 0)' in"
                            + " run r)")),
        filtered.notes().toString());
    // A column derived from that log keeps its missing value as text, not an error at the read.
    LadderSpec chained =
        allCsv(
            List.of("step >= 2"),
            new LadderSpec.Derived("loss", null, null, null, "ppl"),
            new LadderSpec.Derived("m", List.of("loss", "loss"), null));
    Table derivedTwice = Ladder.read(chained, dir, List.of(), List.of("m")).table();
    assertEquals(Math.log(7.5), num(derivedTwice, "m", 0), 1e-12);
    String both =
        assertThrows(
                InputException.class,
                () -> new LadderSpec.Derived("loss", List.of("a"), null, null, "ppl"))
            .getMessage();
    assertTrue(both.contains("give exactly one of 'mean:'"), both);
  }

  /**
   * D = 0 (an evaluation at step 0; released models imported without steps and given
   * tokens_per_step): a sampling run's row is left out with a note, a target's last row is an
   * error. Before, D = 0 passed, every method failed ("no start gave a finite objective") and
   * `direct` was still chosen.
   */
  @Test
  void rowsWithoutTrainingTokensAreLeftOutAndATargetWithoutThemIsAnError() throws Exception {
    write("z.csv", "run_id,step,tokens,n_params,x\na,0,0,1e6,5\na,1,10,1e6,4\nt,1,0,1e7,3\n");
    LadderSpec spec = new LadderSpec("z.csv", null, null, null, null, null);
    Ladder.Read read = Ladder.read(spec, dir, List.of());
    assertEquals(1, read.table().rowCount(), "a's step-0 row and t's only row left out");
    assertTrue(read.notes().get(0).contains("2 checkpoint row(s)"), read.notes().toString());
    assertTrue(read.notes().get(0).contains("no training tokens"), read.notes().toString());
    InputException e =
        assertThrows(
            InputException.class, () -> Ladder.read(spec, dir, List.of(Map.of("run", "t"))));
    assertTrue(e.getMessage().contains("target run 't' has D = 0.0"), e.getMessage());
    // A row where: leaves out is not noted for its D as well (a new user's Pythia ladder, where:
    // step >= 1000, was told of its step-0 rows; fifteenth session).
    LadderSpec filtered =
        new LadderSpec(
            "z.csv", null, null, null, null, List.of("step >= 1"), null, null, null, null);
    Ladder.Read read2 = Ladder.read(filtered, dir, List.of());
    assertTrue(
        read2.notes().stream().anyMatch(n -> n.contains("1 checkpoint row(s)")),
        read2.notes().toString());
  }

  /**
   * An empty tokens cell is step x tokens_per_step where that is given (a long file's rows written
   * without tokens stopped the read: twenty-fifth session); without it the cell is an error.
   */
  @Test
  void anEmptyTokensCellIsTheStepTimesTokensPerStep() throws Exception {
    write("e.csv", "run_id,step,tokens,n_params,x\na,1,,1e6,5\na,2,300,1e6,4\n");
    LadderSpec perStep = new LadderSpec("e.csv", null, null, 100.0, null, null);
    Table t = Ladder.read(perStep, dir, List.of()).table();
    assertEquals(100, num(t, Columns.TOKENS, 0), "step 1 x 100");
    assertEquals(300, num(t, Columns.TOKENS, 1), "a given cell is kept");
    LadderSpec without = new LadderSpec("e.csv", null, null, null, null, null);
    String e =
        assertThrows(InputException.class, () -> Ladder.read(without, dir, List.of())).getMessage();
    assertTrue(e.contains("data row 1, column 'tokens' (role tokens): empty"), e);
  }

  /**
   * An empty N under a condition on N's own column is the read's error, as without the condition:
   * it dropped the run with no word (a new user's Jais ladder, twenty-eighth session).
   */
  @Test
  void anEmptyRoleCellUnderAConditionOnItsColumnIsAnError() throws Exception {
    write("j.csv", "Model,N,D,acc\na,5.9e8,4.8e11,0.3\nb,,4.8e11,0.4\nc,2.7e9,4.8e11,0.5\n");
    LadderSpec.RoleColumns c = cols("Model", null, "D", "N", null);
    LadderSpec spec = new LadderSpec("j.csv", null, c, null, null, List.of("N <= 2.7B"));
    String e =
        assertThrows(InputException.class, () -> Ladder.read(spec, dir, List.of())).getMessage();
    assertTrue(e.contains("data row 2, column 'N' (role n_params): empty"), e);
    // So does text in that cell, which without the condition is the read's error too.
    write("k.csv", "Model,N,D,acc\na,5.9e8,4.8e11,0.3\nb,-,4.8e11,0.4\nc,2.7e9,4.8e11,0.5\n");
    LadderSpec dash = new LadderSpec("k.csv", null, c, null, null, List.of("N <= 2.7B"));
    e = assertThrows(InputException.class, () -> Ladder.read(dash, dir, List.of())).getMessage();
    assertTrue(e.contains("data row 2, column 'N' (role n_params)"), e);
    // A condition on another column still leaves such a row out.
    LadderSpec other = new LadderSpec("j.csv", null, c, null, null, List.of("acc > 0.45"));
    assertEquals(1, Ladder.read(other, dir, List.of()).table().rowCount());
    // Even where that column's cell is empty too: a row where: leaves out may have empty role
    // cells (a review: an empty Family beside an empty N stopped the read).
    write("f.csv", "Model,Family,N,D,acc\na,p,5.9e8,4.8e11,0.3\nb,p,1e9,4.8e11,0.4\nx,,,,0.6\n");
    LadderSpec family = new LadderSpec("f.csv", null, c, null, null, List.of("Family == p"));
    assertEquals(2, Ladder.read(family, dir, List.of()).table().rowCount());
    // tokens_per_step under its own name is the tokens role's column too (a review).
    write("p.csv", "run_id,step,n_params,tokens_per_step,acc\na,1,1e6,100,0.3\nb,1,2e6,,0.4\n");
    LadderSpec perStep =
        new LadderSpec("p.csv", null, null, null, null, List.of("tokens_per_step == 100"));
    e = assertThrows(InputException.class, () -> Ladder.read(perStep, dir, List.of())).getMessage();
    assertTrue(e.contains("data row 2, column 'tokens_per_step'"), e);
    // A row's other roles are read past a failed one: a step of 'final' outside N <= 13B is left
    // out by its N (a review: N was left unread, and the condition on it stopped the read).
    LadderSpec.RoleColumns stepped = cols("Model", "step", "D", "N", null);
    write("st.csv", "Model,step,N,D,acc\na,1,1e9,1e10,0.3\nb,final,70B,1e12,0.9\n");
    LadderSpec outside = new LadderSpec("st.csv", null, stepped, null, null, List.of("N <= 13B"));
    assertEquals(1, Ladder.read(outside, dir, List.of()).table().rowCount());
  }

  /**
   * A target's value no row has: the nearest below and above where all are numbers (step 5000
   * listed 0.0, 1.0, 2.0: twenty-sixth session), else the closest by spelling.
   */
  @Test
  void theClosestValuesOfATargetsConditionAreByNumberWhereTheyAreNumbers() {
    Set<String> steps = new LinkedHashSet<>(List.of("0.0", "1.0", "2.0", "3000.0", "13000.0"));
    assertEquals("closest: 3000, 13000 (of 5)", LadderTargets.closest("5000", steps));
    assertEquals("closest: 13000 (of 5)", LadderTargets.closest("2e5", steps));
    Set<String> runs = new LinkedHashSet<>(List.of("m1", "m5", "big"));
    assertTrue(LadderTargets.closest("m55", runs).startsWith("closest: m5, "));
  }

  /** The error of reading all.csv with one derived column, the mean of {@code columns}. */
  private String deriveError(String name, String... columns) {
    LadderSpec.Derived d = new LadderSpec.Derived(name, List.of(columns), null);
    LadderSpec spec = allCsv(d);
    return assertThrows(InputException.class, () -> Ladder.read(spec, dir, List.of())).getMessage();
  }

  /** all.csv with these derived columns. */
  private static LadderSpec allCsv(LadderSpec.Derived... derived) {
    return allCsv(null, derived);
  }

  /**
   * Sampling runs at one N and D are noted: a new user's Falcon-H1 ladder had 1.5B and 1.5B-Deep at
   * one point, 16.7 points apart on GSM8K, without a word. Targets are no sampling runs: with two
   * of the three named as targets, the third is alone at its point.
   */
  @Test
  void samplingRunsAtOneNAndDAreNoted() throws Exception {
    write(
        "s.csv",
        "Model,N,D,acc\na,1e8,1e10,0.3\nb,1.5e9,3e12,0.5\nb-deep,1.5e9,3e12,0.6\n"
            + "c,3e9,3e12,0.62\nt,1.5e9,3e12,0.7\nbig,7e9,3e12,0.8\n");
    LadderSpec.RoleColumns c = cols("Model", null, "D", "N", null);
    LadderSpec spec = new LadderSpec("s.csv", null, c, null, null, List.of());
    List<String> notes = Ladder.read(spec, dir, List.of(Map.of("run", "big"))).notes();
    List<String> same = notes.stream().filter(n -> n.contains("same N and D")).toList();
    assertEquals(1, same.size(), notes.toString());
    assertTrue(
        same.get(0).contains("'b', 'b-deep', 't' (N = 1.500e+09, D = 3.000e+12)"), same.get(0));
    List<String> apart =
        Ladder.read(
                spec,
                dir,
                List.of(Map.of("run", "big"), Map.of("run", "b-deep"), Map.of("run", "t")))
            .notes();
    assertTrue(apart.stream().noneMatch(n -> n.contains("same N and D")), apart.toString());
    // Many groups (seeds at every size): three named, the rest counted, one note.
    StringBuilder seeds = new StringBuilder("Model,N,D,acc\n");
    for (int size = 1; size <= 5; size++) {
      for (int seed = 0; seed < 2; seed++) {
        seeds.append(String.format("s%d-%d,%de8,1e10,0.3%n", size, seed, size));
      }
    }
    write("seeds.csv", seeds + "t,7e9,1e11,0.6\n");
    List<String> many =
        Ladder.read(
                new LadderSpec("seeds.csv", null, c, null, null, List.of()),
                dir,
                List.of(Map.of("run", "t")))
            .notes()
            .stream()
            .filter(n -> n.contains("same N and D"))
            .toList();
    assertEquals(1, many.size(), many.toString());
    assertTrue(many.get(0).contains("'s3-0', 's3-1' (N = 3.000e+08"), many.get(0));
    assertTrue(many.get(0).contains("; and 2 more;"), many.get(0));
  }

  /** all.csv with these conditions and derived columns. */
  private static LadderSpec allCsv(List<String> where, LadderSpec.Derived... derived) {
    return new LadderSpec(
        "all.csv", null, null, null, null, where, List.of(derived), null, null, null);
  }
}
