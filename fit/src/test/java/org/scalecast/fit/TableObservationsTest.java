package org.scalecast.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.fit.laws.ChinchillaLaw;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.RowFilter;
import tech.tablesaw.api.Table;

class TableObservationsTest {
  @TempDir Path dir;

  private Table csv(String text) throws IOException {
    Path f = dir.resolve("t.csv");
    Files.writeString(f, text);
    return CsvTables.read(f);
  }

  private Observations extract(
      Table t, Map<String, String> map, List<String> where, String objective) {
    ChinchillaLaw law = new ChinchillaLaw();
    return TableObservations.extract(
        t,
        law,
        TableObservations.bindings(law, map),
        where.stream().map(RowFilter::parse).toList(),
        Objective.parse(objective));
  }

  @Test
  void bindsColumnsFiltersRowsAndKeepsRunIds() throws IOException {
    Table t =
        csv(
            "run_id,n_params,tokens,val_loss,is_final\na,1e8,2e9,3.1,true\na,1e8,1e9,3.4,false\nb,2e8,4e9,2.9,true\n");
    Observations obs =
        extract(
            t,
            Map.of("N", "n_params", "D", "tokens", "L", "val_loss"),
            List.of("is_final=true"),
            "ls");
    assertEquals(2, obs.size());
    assertArrayEquals(new double[] {2e8, 4e9}, obs.x()[1]);
    assertEquals(List.of("a", "b"), obs.runIds());
    assertEquals(2.9, obs.y()[1]);
  }

  @Test
  void largeFlopCountsKeepFullPrecision() throws IOException {
    Table t = csv("N,D,L\n123456789012,98765432109876,2.5\n1.5e8,3e9,3.0\n");
    Observations obs = extract(t, Map.of(), List.of(), "ls");
    assertEquals(98765432109876.0, obs.x()[0][1]);
  }

  @Test
  void namesAMissingColumn() throws IOException {
    Table t = csv("N,D,loss\n1e8,2e9,3.1\n");
    InputException e =
        assertThrows(InputException.class, () -> extract(t, Map.of(), List.of(), "ls"));
    assertEquals(dir.resolve("t.csv") + ": no column 'L' (columns: N, D, loss)", e.getMessage());
  }

  @Test
  void namesTheRowAndColumnOfAnEmptyOrNanCell() throws IOException {
    Table t = csv("N,D,L\n1e8,2e9,3.1\n2e8,,3.0\n");
    InputException e =
        assertThrows(InputException.class, () -> extract(t, Map.of(), List.of(), "ls"));
    assertEquals(
        dir.resolve("t.csv") + ", data row 2, column 'D': empty or NaN (a missing value)",
        e.getMessage());
    Table nan = csv("N,D,L\n1e8,2e9,NaN\n2e8,3e9,3.0\n");
    e = assertThrows(InputException.class, () -> extract(nan, Map.of(), List.of(), "ls"));
    assertEquals(
        dir.resolve("t.csv") + ", data row 1, column 'L': empty or NaN (a missing value)",
        e.getMessage());
  }

  @Test
  void namesANonPositiveValueUnderALog() throws IOException {
    Table t = csv("N,D,L\n1e8,2e9,3.1\n0,3e9,3.0\n");
    InputException e =
        assertThrows(InputException.class, () -> extract(t, Map.of(), List.of(), "ls"));
    assertEquals(
        dir.resolve("t.csv")
            + ", data row 2, column 'N': 0.0 must be > 0 (chinchilla takes its log)",
        e.getMessage());
    Table neg = csv("N,D,L\n1e8,2e9,-3.1\n");
    e =
        assertThrows(
            InputException.class, () -> extract(neg, Map.of(), List.of(), "huber-log:1e-3"));
    assertEquals(
        dir.resolve("t.csv")
            + ", data row 1, column 'L': -3.1 must be > 0 (huber-log:0.001 takes its log)",
        e.getMessage());
  }

  @Test
  void namesATextCellInANumericBinding() throws IOException {
    Table t = csv("N,D,L\n1e8,2e9,abc\n");
    InputException e =
        assertThrows(InputException.class, () -> extract(t, Map.of(), List.of(), "ls"));
    assertEquals(
        dir.resolve("t.csv") + ", data row 1, column 'L': 'abc' is not a number", e.getMessage());
  }

  @Test
  void rejectsAMapOfAVariableTheLawDoesNotHave() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> TableObservations.bindings(new ChinchillaLaw(), Map.of("C", "flops")));
    assertEquals(
        "--map C=...: law chinchilla has no variable C (variables: N, D, L)", e.getMessage());
  }

  @Test
  void saysWhenNoRowMatches() throws IOException {
    Table t = csv("N,D,L,seed\n1e8,2e9,3.1,1\n");
    InputException e =
        assertThrows(InputException.class, () -> extract(t, Map.of(), List.of("seed=2"), "ls"));
    assertEquals(dir.resolve("t.csv") + ": no rows match [seed=2]", e.getMessage());
  }

  /** A negative loss was fitted by negative parameters and reported converged (the hunt). */
  @Test
  void aLossLawsOutputMustBeAboveZero() throws IOException {
    Table t = csv("N,D,L\n1e8,2e9,3.1\n2e8,4e9,-2.9\n");
    InputException e =
        assertThrows(InputException.class, () -> extract(t, Map.of(), List.of(), "ls"));
    assertEquals(
        "t.csv, data row 2, column 'L': -2.9 must be > 0 (chinchilla's L is a loss)",
        e.getMessage().replace(dir + "/", ""));
  }
}
