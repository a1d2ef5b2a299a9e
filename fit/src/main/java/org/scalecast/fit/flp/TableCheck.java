package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
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
public final class TableCheck {
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
    Map<String, Integer> mostTokens = new HashMap<>();
    Map<List<Object>, Integer> checkpoints = new HashMap<>();
    List<String> position =
        Stream.of(Columns.STEP, Columns.TOKENS).filter(names::contains).toList();
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
      if (!position.isEmpty()) {
        once(t, position, r, checkpoints.putIfAbsent(checkpoint(t, position, run, r), r));
      }
      if (hasD) {
        mostTokens.merge(run, r, (a, b) -> CsvTables.number(t, Columns.TOKENS, a) >= d ? a : b);
      }
      // Read on every row in order, so that the first bad cell is the one named.
      if (CsvTables.flag(t, Columns.IS_FINAL, r)) {
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
    finalRow.forEach((run, r) -> last(t, r, mostTokens.get(run)));
  }

  /**
   * A checkpoint's key: its run, step and tokens, those the table has (a ladder's rows of one step
   * with other token counts pass, as its reading lets them).
   */
  private static List<Object> checkpoint(Table t, List<String> position, String run, int r) {
    List<Object> key = new ArrayList<>(List.of(run));
    position.forEach(c -> key.add(CsvTables.number(t, c, r)));
    return key;
  }

  /**
   * Two rows of one run at one step were both fitted, the point counted twice (a table written
   * twice into one file passed without a word: the hunt).
   */
  private static void once(Table t, List<String> position, int r, Integer earlier) {
    if (earlier != null) {
      throw new InputException(
          CsvTables.cell(t, position.get(0), r)
              + ": repeats data row "
              + (earlier + 1)
              + ": one row per run and "
              + String.join(" and ", position)
              + " (a table appended twice?)");
    }
  }

  /**
   * A final row is its run's last checkpoint: one with fewer tokens than an earlier row was fitted
   * as the run's end by {@code direct} and as a target's actual values (the hunt).
   */
  private static void last(Table t, int finalRow, Integer most) {
    if (most != null
        && CsvTables.number(t, Columns.TOKENS, most)
            > CsvTables.number(t, Columns.TOKENS, finalRow)) {
      throw new InputException(
          CsvTables.cell(t, Columns.IS_FINAL, finalRow)
              + String.format(
                  Locale.ROOT,
                  ": the final row has %.4g tokens, fewer than data row %d (%.4g): the final"
                      + " row is the run's last checkpoint",
                  CsvTables.number(t, Columns.TOKENS, finalRow),
                  most + 1,
                  CsvTables.number(t, Columns.TOKENS, most)));
    }
  }

  /**
   * @param t a results table
   * @return a note per sampling run without a final row: the methods that fit runs at their end
   *     ({@code direct}, {@code gadre-chain}) leave it out, the others read its checkpoints (an
   *     unfinished run was left out of those without a word: the hunt)
   */
  public static List<String> notes(Table t) {
    if (!t.columnNames().contains(Columns.IS_FINAL)) {
      return List.of();
    }
    Map<String, Boolean> finished = new LinkedHashMap<>();
    for (int r = 0; r < t.rowCount(); r++) {
      finished.merge(t.column(Columns.RUN_ID).getString(r), finalOrBad(t, r), Boolean::logicalOr);
    }
    List<String> out = new ArrayList<>();
    finished.forEach(
        (run, done) -> {
          if (!done) {
            out.add(
                t.name()
                    + ": run "
                    + run
                    + " has no final row (is_final): direct and gadre-chain leave it out, the"
                    + " other methods fit its checkpoints");
          }
        });
    return out;
  }

  /** The predicted losses and the tasks' loss columns that the table has. */
  private static Set<String> losses(Set<String> names, PredictSpec spec) {
    Set<String> out = new LinkedHashSet<>(spec.losses());
    spec.tasks().stream().map(PredictSpec.TaskSpec::loss).forEach(out::add);
    out.removeIf(c -> c == null || !names.contains(c));
    return out;
  }

  /** Whether a row is final, or its flag unreadable ({@link #check}'s to name, not a note's). */
  private static boolean finalOrBad(Table t, int r) {
    try {
      return CsvTables.flag(t, Columns.IS_FINAL, r);
    } catch (InputException e) {
      return true;
    }
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
