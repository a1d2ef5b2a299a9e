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
    Set<String> names = new HashSet<>(t.columnNames());
    // A table of C alone (no N or D) is one the methods of C read.
    boolean hasN = names.contains(Columns.N_PARAMS);
    boolean hasD = names.contains(Columns.TOKENS);
    Set<String> losses = losses(names, spec);
    Map<String, Integer> firstRow = new HashMap<>();
    Map<String, Integer> finalRow = new HashMap<>();
    for (int r = 0; r < t.rowCount(); r++) {
      String run = t.column(Columns.RUN_ID).getString(r);
      Integer first = firstRow.putIfAbsent(run, r);
      // N, D and C are read strictly on every row, where a missing one is an error too (backtest
      // took a NaN D that predict refused: the hunt).
      if (hasN) {
        double n = above(t, Columns.N_PARAMS, r, CsvTables.number(t, Columns.N_PARAMS, r), false);
        double firstN = first == null ? n : CsvTables.number(t, Columns.N_PARAMS, first);
        if (firstN != n) {
          throw new InputException(
              CsvTables.cell(t, Columns.N_PARAMS, r)
                  + String.format(
                      Locale.ROOT,
                      ": %.4g, where %s has %.4g: one N per run (two runs under one id?)",
                      n,
                      CsvTables.cell(t, Columns.N_PARAMS, first),
                      firstN));
        }
      }
      double d =
          hasD ? above(t, Columns.TOKENS, r, CsvTables.number(t, Columns.TOKENS, r), true) : 0;
      above(t, Columns.FLOPS, r, CsvTables.number(t, Columns.FLOPS, r), !(d > 0));
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
        // A missing or unreadable cell is the rows of other quantities, or CsvTables.number's to
        // name where a fit reads it.
        double v = CsvTables.numberOrNaN(t, loss, r);
        if (!Double.isNaN(v)) {
          above(t, loss, r, v, false);
        }
      }
    }
  }

  /** The predicted losses and the tasks' loss columns that the table has. */
  private static Set<String> losses(Set<String> names, PredictSpec spec) {
    Set<String> out = new LinkedHashSet<>(spec.losses());
    spec.tasks().stream().map(PredictSpec.TaskSpec::loss).forEach(out::add);
    out.removeIf(c -> c == null || !names.contains(c));
    return out;
  }

  /** {@code v}, a cell's value, when above 0 (or equal to it where {@code orEqual}). */
  private static double above(Table t, String column, int r, double v, boolean orEqual) {
    if (!(v > 0 || orEqual && v == 0)) {
      throw new InputException(
          CsvTables.cell(t, column, r)
              + String.format(Locale.ROOT, ": %s must be %s 0", v, orEqual ? ">=" : ">"));
    }
    return v;
  }
}
