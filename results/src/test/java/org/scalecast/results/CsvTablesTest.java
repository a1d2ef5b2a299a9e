package org.scalecast.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Bad cells are named at their own data row and column, with their own text. */
class CsvTablesTest {
  @TempDir Path dir;

  private Table table(String bad) throws IOException {
    Path f = dir.resolve("t.csv");
    Files.writeString(f, "N,loss\n1,3.1\n2," + bad + "\n3,2.9\n");
    return CsvTables.read(f);
  }

  private static String error(Table t, int row) {
    return assertThrows(InputException.class, () -> CsvTables.number(t, "loss", row)).getMessage();
  }

  @Test
  void namesEachBadCellAtItsOwnRowWithItsOwnText() throws IOException {
    String[][] cases = {
      {"nan", "'nan' is NaN"},
      {"NAN", "'NAN' is NaN"},
      {"-nan", "'-nan' is NaN"},
      {"inf", "'inf' is infinite"},
      {"-inf", "'-inf' is infinite"},
      {"Infinity", "is infinite"},
      {"-Infinity", "is infinite"},
      {"1e999", "is infinite"},
      {"abc", "'abc' is not a number"},
      {"'3.0'", "''3.0'' is not a number"},
      {"\"x3\"", "'x3' is not a number"},
      {"0x10", "'0x10' is not a number"},
      {"-", "'-' is not a number"},
      {"NaN", "empty or NaN"},
      {"", "empty or NaN"},
      {"NA", "empty or NaN"},
    };
    for (String[] c : cases) {
      Table t = table(c[0]);
      String m = error(t, 1);
      assertTrue(m.contains("t.csv, data row 2, column 'loss': "), c[0] + " -> " + m);
      assertTrue(m.contains(c[1]), c[0] + " -> " + m);
      // the good cells around it still read, whatever type the column was given
      assertEquals(3.1, CsvTables.number(t, "loss", 0), 0, c[0]);
      assertEquals(2.9, CsvTables.number(t, "loss", 2), 0, c[0]);
    }
  }

  /**
   * A table with run ids and steps (a ladder joined from a folder of per-run files, named after the
   * folder) names the run and step of a bad cell too: its row number alone is not the file's line.
   */
  /** 'l' and 'L' are one name to Tablesaw; the error said only "duplicate name" (a review). */
  @Test
  void columnsThatDifferOnlyInCaseAreNamed() throws IOException {
    Path f = dir.resolve("case.csv");
    Files.writeString(f, "run_id,l,L\nr1,3.1,3.2\n");
    String e = assertThrows(InputException.class, () -> CsvTables.read(f)).getMessage();
    assertTrue(
        e.contains("case.csv: columns 'l' and 'L' differ only in case (columns 2 and 3)"), e);
  }

  @Test
  void namesTheRunAndStepWhereTheTableHasThem() throws IOException {
    Path f = dir.resolve("joined.csv");
    Files.writeString(f, "run_id,step,loss\nr1,10,3.1\nr1,20,\nr2,5.5,2.9\n");
    Table t = CsvTables.read(f);
    assertTrue(error(t, 1).startsWith(f + ", data row 2 (run r1, step 20), column 'loss': empty"));
    assertEquals(2.9, CsvTables.number(t, "loss", 2), 0);
  }

  @Test
  void readsQuotedAndPaddedNumbers() throws IOException {
    assertEquals(3.2, CsvTables.number(table("\"3.2\""), "loss", 1), 0);
    assertEquals(2, CsvTables.number(table("nan"), "N", 1), 0);
  }

  private String readError(String csv) throws IOException {
    Path f = dir.resolve("r.csv");
    Files.writeString(f, csv);
    return assertThrows(InputException.class, () -> CsvTables.read(f)).getMessage();
  }

  @Test
  void aRaggedRowIsNamedWithItsRowAndCellCount() throws IOException {
    Path f = dir.resolve("r.csv");
    assertEquals(
        f + ", data row 2 (line 3): 3 cells, but the header has 2",
        readError("C,L\n1e10,3\n1e11,2.5,7\n1e12,2\n"));
    assertEquals(
        f + ", data row 3 (line 4): 1 cells, but the header has 2",
        readError("C,L\n1e10,3\n1e11,2.5\n1e12\n"));
    Files.writeString(f, "C,L,note\n1,3,\"a,b\"\n");
    assertEquals(1, CsvTables.read(f).rowCount(), "a quoted comma is one cell");
  }

  /**
   * A number with a comma or a percent sign is refused: Tablesaw read "2,392" (a decimal comma) as
   * 2392 and "65%" as 0.65 without a word (a bad-input hunt, twentieth session).
   */
  @Test
  void aNumberWithACommaOrAPercentIsNamed() throws IOException {
    Path f = dir.resolve("r.csv");
    assertEquals(
        f
            + ", data row 2, column 'L': '2,392' is not a plain number (write it with a decimal"
            + " point, no thousands separator and no %)",
        readError("C,L\n1e10,3\n1e11,\"2,392\"\n"));
    assertTrue(readError("C,acc\n1e10,65%\n").contains("'65%' is not a plain number"));
  }

  @Test
  void aHeaderOnlyOrEmptyCsvIsNamed() throws IOException {
    Path f = dir.resolve("r.csv");
    assertEquals(f + ": a header and no data rows", readError("C,L\n"));
    assertEquals(f + ": empty file (no header row)", readError(""));
  }

  /** A file system error says why, not only its path (a bad-input hunt, sixteenth session). */
  @Test
  void fileSystemErrorsSayWhy() {
    assertEquals(
        "permission denied",
        CsvTables.oneLine(new java.nio.file.AccessDeniedException("/x/a.csv")));
    assertEquals("no such file", CsvTables.oneLine(new java.nio.file.NoSuchFileException("/x")));
    assertEquals(
        "Not a directory",
        CsvTables.oneLine(new java.nio.file.FileSystemException("/x", null, "Not a directory")));
  }

  /** Java's own number spellings were read as N from a runs table (a bad-input hunt). */
  @Test
  void javasOwnNumberSpellingsAreNotNumbers() {
    for (String java : new String[] {"3e8d", "1f", "0x10", "0x1p3", "1e9D"}) {
      assertThrows(NumberFormatException.class, () -> CsvTables.decimal(java), java);
      assertEquals(null, SizeNumber.parse(java), java);
    }
    assertEquals(3e8, CsvTables.decimal(" 3e8 "), 0);
    assertEquals(-0.5, CsvTables.decimal("-.5"), 0);
    assertTrue(Double.isNaN(CsvTables.decimal("NaN")));
    assertEquals(1.3e9, SizeNumber.parse("1.3B"), 0);
  }

  /** A flag column made text by one bad cell still reads its true and false cells. */
  @Test
  void flagsReadAsTextAndTheBadOneIsNamed() throws IOException {
    Path f = dir.resolve("flags.csv");
    Files.writeString(f, "run_id,is_final\na,FALSE\na,true\nb,1\nb,maybe\nb,2\n");
    Table t = CsvTables.read(f);
    assertFalse(CsvTables.flag(t, "is_final", 0));
    assertTrue(CsvTables.flag(t, "is_final", 1));
    assertTrue(CsvTables.flag(t, "is_final", 2));
    assertEquals(
        f + ", data row 4, column 'is_final': 'maybe' is neither true nor false",
        assertThrows(InputException.class, () -> CsvTables.flag(t, "is_final", 3)).getMessage());
    assertTrue(
        assertThrows(InputException.class, () -> CsvTables.flag(t, "is_final", 4))
            .getMessage()
            .endsWith("'2' is neither true nor false (1 or 0)"));
  }
}
