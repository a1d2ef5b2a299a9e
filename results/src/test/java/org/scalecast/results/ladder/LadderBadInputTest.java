package org.scalecast.results.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import tech.tablesaw.api.Table;

/**
 * Input that read without a word into wrong numbers, exit 0, found by the twentieth session's
 * bad-input hunt: each case is now an error naming where, or read as meant. Each test fails without
 * its fix.
 */
class LadderBadInputTest {
  @TempDir Path dir;

  private static final LadderSpec.RoleColumns LONG_COLS =
      new LadderSpec.RoleColumns("run", null, null, "N", null, null);

  private void write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  /** The folder {@code runs/} joined with {@code runs.csv}, N from its column N. */
  private static LadderSpec folder(String tokensPerStep) {
    return new LadderSpec(
        "runs",
        "runs.csv",
        new LadderSpec.RoleColumns(null, null, null, "N", null, tokensPerStep),
        null,
        null,
        null);
  }

  private LadderSpec longSpec(String file) {
    return new LadderSpec(
        file, null, LONG_COLS, 100.0, new LadderSpec.Pivot("task", "value"), null);
  }

  private String error(LadderSpec spec) {
    return assertThrows(InputException.class, () -> Ladder.read(spec, dir, List.of())).getMessage();
  }

  @Test
  void aLongTablesTaskNamedLikeAColumnIsAnError() throws Exception {
    write("long.csv", "run,step,N,task,value\na,1,1e6,loss,3.0\na,1,1e6,step,0.6\n");
    String e = error(longSpec("long.csv"));
    assertTrue(e.contains("data row 2") && e.contains("task 'step' has the name of a column"), e);
    // A role with no column of its own: the task became C (a review, twenty-fourth session).
    write("flops.csv", "run,step,N,task,value\na,1,1e6,loss,3.0\na,1,1e6,flops,0.5\n");
    e = error(longSpec("flops.csv"));
    assertTrue(e.contains("data row 2") && e.contains("task 'flops' has the name of a column"), e);
  }

  @Test
  void aLongTablesOtherColumnsMustAgreeWithinARunAndStep() throws Exception {
    write("long.csv", "run,step,N,task,value\na,1,3e9,loss,3.0\na,1,3e8,acc,0.6\n");
    String e = error(longSpec("long.csv"));
    assertTrue(e.contains("data row 2, column 'N': '3e8'") && e.contains("'3e9'"), e);
    // The same number written two ways, or left empty on one row, is one value.
    write("same.csv", "run,step,N,task,value\na,1,3e8,loss,3.0\na,1,300000000,acc,0.6\n");
    Table t = Ladder.read(longSpec("same.csv"), dir, List.of()).table();
    assertEquals(3e8, CsvTables.number(t, Columns.N_PARAMS, 0));
    write("gap.csv", "run,step,N,task,value\na,1,,loss,3.0\na,1,3e8,acc,0.6\n");
    t = Ladder.read(longSpec("gap.csv"), dir, List.of()).table();
    assertEquals(3e8, CsvTables.number(t, Columns.N_PARAMS, 0));
  }

  /**
   * Tablesaw compares column names ignoring case: each of these ended in an internal error, exit 1
   * (twenty-fourth session, a new user's long ladder and a W&B export's 'Step').
   */
  @Test
  void columnNamesThatDifferOnlyInCaseAreReadOrNamed() throws Exception {
    write("w.csv", "run,Step,Tokens,N,acc\na,1,10,1e6,0.3\na,2,20,1e6,0.4\n");
    LadderSpec.RoleColumns mapped =
        new LadderSpec.RoleColumns("run", "Step", "Tokens", "N", null, null);
    Table t =
        Ladder.read(new LadderSpec("w.csv", null, mapped, null, null, null), dir, List.of())
            .table();
    assertEquals(20, CsvTables.number(t, Columns.TOKENS, 1));
    // Unmapped, no role reads it: dropping it put C at 6ND beside the user's FLOPS (a review).
    write("u.csv", "run,step,tokens,N,FLOPS\na,1,10,1e6,9e10\n");
    String u = error(new LadderSpec("u.csv", null, LONG_COLS, null, null, null));
    assertTrue(
        u.contains("u.csv: column 'FLOPS' is named like scalecast's 'flops' but for case"), u);
    write("h.csv", "run,step,tokens,N,acc,ACC\na,1,10,1e6,0.3,0.3\n");
    String e = error(new LadderSpec("h.csv", null, LONG_COLS, null, null, null));
    assertTrue(
        e.contains("h.csv: columns 'acc' and 'ACC' differ only in case (columns 5 and 6)"), e);
    write("l.csv", "run,step,N,task,value\na,1,1e6,hellaswag,0.3\nb,1,1e6,HellaSwag,0.4\n");
    e = error(longSpec("l.csv"));
    assertTrue(
        e.contains("data row 2, column 'task': task 'HellaSwag' and task 'hellaswag' differ only"),
        e);
    write("f/a.csv", "run,step,tokens,N,acc\na,1,10,1e6,0.3\n");
    write("f/b.csv", "run,step,tokens,N,Acc\nb,1,10,1e6,0.3\n");
    e = error(new LadderSpec("f", null, LONG_COLS, null, null, null));
    assertTrue(e.contains("columns 'acc' and 'Acc' (from different files, a runs table or"), e);
    write(
        "j.jsonl",
        "{\"run\": \"a\", \"step\": 1, \"tokens\": 10, \"N\": 1e6, \"acc\": 0.3, \"ACC\": 0.3}\n");
    e = error(new LadderSpec("j.jsonl", null, LONG_COLS, null, null, null));
    assertTrue(e.contains("j.jsonl: columns 'acc' and 'ACC' differ only in case"), e);
    write("g/a.csv", "Run_ID,step,tokens,N,acc\na,1,10,1e6,0.3\n");
    e =
        error(
            new LadderSpec(
                "g",
                null,
                new LadderSpec.RoleColumns(null, null, null, "N", null, null),
                null,
                null,
                null));
    assertTrue(e.contains("the file's column 'Run_ID' and the column 'run_id' the ladder adds"), e);
  }

  /**
   * A long table's role error names the file's row and no runs table without that column: an empty
   * tokens cell was put at "data row 1568", the pivoted table's index (another run's row), or at a
   * runs table that has no tokens column (twenty-fourth session, a new user's long ladder).
   */
  @Test
  void aLongTablesRoleErrorNamesTheFilesRow() throws Exception {
    String rows = "a,1,10,x,0.3\na,1,10,y,0.4\nb,1,,x,0.3\nb,1,,y,0.4\n";
    write("l.csv", "run,step,tokens,task,value\n" + rows);
    write("runs.csv", "run,N\na,1e6\nb,2e6\n");
    LadderSpec spec =
        new LadderSpec(
            "l.csv", "runs.csv", LONG_COLS, null, new LadderSpec.Pivot("task", "value"), null);
    String e = error(spec);
    assertTrue(e.contains("l.csv, data rows 3, 4 (one run and step's rows), column 'tokens'"), e);
    // The bad cell on the key's second row (a review: the first row was named alone).
    write(
        "l.csv",
        "run,step,tokens,task,value\na,1,10,x,0.3\na,1,10,y,0.4\nb,1,,x,0.3\nb,1,-5,y,0.4\n");
    e = error(spec);
    assertTrue(e.contains("l.csv, data rows 3, 4 (one run and step's rows), column 'tokens'"), e);
  }

  @Test
  void aNegativeFlopsCellIsAnError() throws Exception {
    write("t.csv", "run_id,step,tokens,N,C\na,1,10,1e6,6e7\na,2,20,1e6,-1e19\n");
    LadderSpec spec =
        new LadderSpec(
            "t.csv",
            null,
            new LadderSpec.RoleColumns(null, null, null, "N", "C", null),
            null,
            null,
            null);
    String e = error(spec);
    assertTrue(e.contains("data row 2, column 'C' (role flops): -1.000e+19: must be > 0"), e);
  }

  @Test
  void aRunsTablesNegativeTokensPerStepIsAnError() throws Exception {
    write("runs/a.csv", "step,loss\n1,3.0\n2,2.9\n");
    write("runs.csv", "run_id,N,tps\na,1e6,-65536\n");
    String e = error(folder("tps"));
    assertTrue(e.contains("column 'tps' (role tokens_per_step): -65536: must be > 0"), e);
  }

  @Test
  void aJsonKeyGivenFlatAndNestedIsAnErrorAndNanIsMissing() throws Exception {
    write(
        "runs/a.jsonl",
        "{\"step\": 1, \"tokens\": 10, \"eval\": {\"acc\": 0.3}}\n"
            + "{\"step\": 2, \"tokens\": 20, \"eval\": {\"acc\": 0.4}, \"eval/acc\": 0.1}\n");
    write("runs.csv", "run_id,N\na,1e6\n");
    LadderSpec spec = folder(null);
    String e = error(spec);
    assertTrue(e.contains("object 2: key 'eval/acc' is given twice"), e);
    write(
        "runs/a.jsonl",
        "{\"step\": 1, \"tokens\": 10, \"eval\": {\"acc\": 0.3}}\n"
            + "{\"step\": 2, \"tokens\": 20, \"eval\": {\"acc\": NaN}}\n");
    Table t = Ladder.read(spec, dir, List.of(), List.of("eval/acc")).table();
    assertEquals(1, t.rowCount(), "the NaN row has none of the predicted columns");
    assertEquals(0.3, CsvTables.number(t, "eval/acc", 0));
  }

  @Test
  void twoFilesOfOneRunWithOtherValuesAtOneStepAreAnError() throws Exception {
    write("runs/a.csv", "step,tokens,loss\n1,10,3.0\n2,20,2.9\n");
    write("runs/a.jsonl", "{\"step\": 2, \"tokens\": 20, \"loss\": 3.4}\n");
    write("runs.csv", "run_id,N\na,1e6\n");
    LadderSpec spec = folder(null);
    String e = error(spec);
    assertTrue(e.contains("run a, step 2 is also in") && e.contains("two runs under one id"), e);
    // The same values written alike (one export twice) merge, as rows repeated in one file do.
    write("runs/a.jsonl", "{\"step\": 2, \"tokens\": 20, \"loss\": 2.90}\n");
    assertEquals(2, Ladder.read(spec, dir, List.of()).table().rowCount());
  }

  @Test
  void aRunsTableWithAHeaderOnlyIsNamed() throws Exception {
    write("runs/a.csv", "step,tokens,loss\n1,10,3.0\n");
    write("runs.csv", "run_id,N\n");
    LadderSpec spec = folder(null);
    assertEquals(
        dir.resolve("runs.csv")
            + ": no rows (the runs table lists the ladder's runs, one"
            + " per row)",
        error(spec));
  }

  @Test
  void aRunsTableThatIsAFolderIsNamedSo() throws Exception {
    write("runs/a.csv", "step,tokens,loss\n1,10,3.0\n");
    Files.createDirectories(dir.resolve("runs.csv"));
    assertEquals(
        dir.resolve("runs.csv") + ": a folder, where a file is expected", error(folder(null)));
  }

  @Test
  void aBrokenJsonLineSaysWhereWithoutJacksonsSourceText() throws Exception {
    write("runs/a.jsonl", "{\"step\": 1, \"tokens\": 10, \"loss\": 3.0\n");
    write("runs.csv", "run_id,N\na,1e6\n");
    LadderSpec spec = folder(null);
    String e = error(spec);
    assertTrue(e.contains("a.jsonl") && !e.contains("REDACTED") && e.contains("line 1"), e);
  }

  @Test
  void aDerivedColumnNamedLikeARoleIsAnError() throws Exception {
    write("t.csv", "run_id,step,N,acc\na,1,1e6,0.3\n");
    for (String own : List.of("tokens", "run_id", "role", "is_final", "tokens_per_step")) {
      LadderSpec spec =
          new LadderSpec(
              "t.csv",
              null,
              new LadderSpec.RoleColumns(null, null, null, "N", null, null),
              10.0,
              null,
              null,
              List.of(new LadderSpec.Derived(own, List.of("acc"), null)),
              null,
              null,
              null);
      String e = error(spec);
      assertTrue(e.contains("derive '" + own + "': the name of one of scalecast's own"), e);
    }
  }
}
