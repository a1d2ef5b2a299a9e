package org.scalecast.fit.flp;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import tech.tablesaw.api.Table;

/**
 * Checks a results table before anything is fitted to it, as a ladder's reading checks its roles
 * ({@code LadderRoles}): N above 0, D and C at or above 0 (C above 0 where D is), one N and at most
 * one final row per run, and every value of a loss that is predicted or mapped from above 0. A
 * results table given to {@code predict}, {@code report} or {@code backtest} was used as it was: a
 * negative loss or C changed choices and put a number on a refused quantity, a run id given to two
 * runs merged them, and a target with two final rows was predicted at the first, all with exit 0 (a
 * bad-input hunt, twentieth session).
 */
final class TableCheck {
  private TableCheck() {}

  /**
   * @param t a results table
   * @param spec what will be predicted from it (its losses and the tasks' loss columns)
   * @throws InputException naming the file, row and column of the first value that fails
   */
  static void check(Table t, PredictSpec spec) {
    Map<String, Double> nOf = new HashMap<>();
    Map<String, Integer> nRow = new HashMap<>();
    Map<String, Integer> finalRow = new HashMap<>();
    Set<String> losses = losses(t, spec);
    Set<String> names = new HashSet<>(t.columnNames());
    boolean hasN = names.contains(Columns.N_PARAMS);
    boolean hasD = names.contains(Columns.TOKENS);
    for (int r = 0; r < t.rowCount(); r++) {
      String run = t.column(Columns.RUN_ID).getString(r);
      // N, D and C are read on every row, where a missing one is an error too (backtest took a NaN
      // D that predict refused: the hunt).
      // A table of C alone (no N or D) is one the methods of C read.
      double n = hasN ? CsvTables.number(t, Columns.N_PARAMS, r) : Double.NaN;
      double d = hasD ? CsvTables.number(t, Columns.TOKENS, r) : Double.NaN;
      CsvTables.number(t, Columns.FLOPS, r);
      if (hasN) {
        at(t, Columns.N_PARAMS, r, 0, false);
      }
      if (hasD) {
        at(t, Columns.TOKENS, r, 0, true);
      }
      at(t, Columns.FLOPS, r, 0, !(d > 0));
      Double first = Double.isNaN(n) ? null : nOf.putIfAbsent(run, n);
      if (first != null && first != n) {
        throw new InputException(
            CsvTables.cell(t, Columns.N_PARAMS, r)
                + String.format(
                    Locale.ROOT,
                    ": %.4g, where %s has %.4g: one N per run (two runs under one id?)",
                    n,
                    CsvTables.cell(t, Columns.N_PARAMS, nRow.get(run)),
                    first));
      }
      nRow.putIfAbsent(run, r);
      if (CsvTables.numberOrNaN(t, Columns.IS_FINAL, r) == 1) {
        Integer earlier = finalRow.putIfAbsent(run, r);
        if (earlier != null) {
          throw new InputException(
              CsvTables.cell(t, Columns.IS_FINAL, r)
                  + ": a second final row of run "
                  + run
                  + " (the first: "
                  + CsvTables.cell(t, Columns.IS_FINAL, earlier)
                  + "): one final checkpoint per run");
        }
      }
      for (String loss : losses) {
        at(t, loss, r, 0, false);
      }
    }
  }

  /** The predicted losses and the tasks' loss columns that the table has. */
  private static Set<String> losses(Table t, PredictSpec spec) {
    Set<String> out = new LinkedHashSet<>(spec.losses());
    spec.tasks().stream().map(PredictSpec.TaskSpec::loss).forEach(out::add);
    out.removeIf(c -> c == null || !t.columnNames().contains(c));
    return out;
  }

  /**
   * A cell's number, checked to be above {@code min} (or equal to it where {@code orEqual}); a
   * missing or unreadable cell passes as NaN, for {@link CsvTables#number} to name where it is read
   * (a loss column's empty cells are rows of other quantities).
   */
  private static double at(Table t, String column, int r, double min, boolean orEqual) {
    double v = CsvTables.numberOrNaN(t, column, r);
    if (!Double.isNaN(v) && !(v > min || orEqual && v == min)) {
      throw new InputException(
          CsvTables.cell(t, column, r)
              + String.format(Locale.ROOT, ": %s must be %s 0", v, orEqual ? ">=" : ">"));
    }
    return v;
  }
}
