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
import org.scalecast.results.Role;
import org.scalecast.results.RowSources;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Checks a results table before anything is fitted to it, as a ladder's reading checks its roles
 * ({@code LadderRoles}): N above 0, D and C at or above 0 (C above 0 where D is), one N and at most
 * one final row per run, every value of a loss that is predicted or mapped from above 0, each
 * finite, no task score above 1 or infinite, and no text in those columns. A results table given to
 * {@code predict}, {@code report} or {@code backtest} was used as it was: a negative loss or C
 * changed choices and put a number on a refused quantity, a run id given to two runs merged them,
 * and a target with two final rows was predicted at the first, all with exit 0 (a bad-input hunt,
 * twentieth session).
 */
public final class TableCheck {
  private TableCheck() {}

  /** The columns scalecast reads or adds by name. */
  private static final List<String> OWN =
      Stream.concat(
              Columns.CANONICAL.stream(), Stream.of(Quantity.MEAN_ERROR, Quantity.MEAN_TASK_LOSS))
          .toList();

  /**
   * A column named like one of scalecast's but for case: Tablesaw compares column names ignoring
   * case, so a results table's 'Role', or a ladder's 'Mean_Error' beside the tasks, ended in an
   * internal error when scalecast added its own (a review, twenty-fourth session).
   */
  private static void likeOwnButForCase(Table t) {
    for (String name : t.columnNames()) {
      String own = Columns.sameButForCase(name, OWN);
      if (own != null) {
        throw new InputException(
            t.name()
                + ": column '"
                + name
                + "' is named like scalecast's '"
                + own
                + "' but for case, and column names are compared ignoring case; rename it");
      }
    }
  }

  /**
   * @param t a results table
   * @param spec what will be predicted from it (its losses and the tasks' loss columns)
   * @throws InputException naming the file, row and column of the first value that fails
   */
  static void check(Table t, PredictSpec spec) {
    likeOwnButForCase(t);
    Set<String> names = new HashSet<>(t.columnNames());
    // A table of C alone (no N or D) is one the methods of C read.
    boolean hasN = names.contains(Columns.N_PARAMS);
    boolean hasD = names.contains(Columns.TOKENS);
    Set<String> losses = losses(names, spec);
    List<String> scores =
        spec.tasks().stream().map(PredictSpec.TaskSpec::score).filter(names::contains).toList();
    Map<String, Integer> firstRow = new HashMap<>();
    Map<String, Integer> finalRow = new LinkedHashMap<>(); // runs in read order: the first named
    Map<String, Integer> latest = new HashMap<>();
    Map<List<Object>, Integer> checkpoints = new HashMap<>();
    List<String> position =
        Stream.of(Columns.STEP, Columns.TOKENS).filter(names::contains).toList();
    // How far a run is: its step, or its tokens without steps (a ladder's tokens may restart at a
    // resume while its steps go on, and its final row is its last step).
    String progress = position.isEmpty() ? null : position.get(0);
    Column<?> runs = CsvTables.column(t, Columns.RUN_ID);
    for (int r : RowSources.readOrder(t)) {
      String run = runs.getString(r);
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
      List<Object> key = checkpoint(t, position, run, r);
      if (key != null) {
        once(t, position, r, checkpoints.putIfAbsent(key, r));
      }
      if (progress != null && !Double.isNaN(at(t, progress, r))) {
        latest.merge(run, r, (a, b) -> at(t, progress, a) >= at(t, progress, b) ? a : b);
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
      boolean read = !earlyTargetRow(t, r);
      for (String score : scores) {
        if (read) {
          text(t, score, r);
        }
        fraction(t, score, r, CsvTables.numberOrNaN(t, score, r));
      }
      for (String loss : losses) {
        if (read) {
          text(t, loss, r);
        }
        // A missing cell is the rows of other quantities, or CsvTables.number's to name where a
        // fit reads it.
        double v = CsvTables.numberOrNaN(t, loss, r);
        if (!Double.isNaN(v)) {
          above(t, loss, r, v, false);
        }
      }
    }
    finalRow.forEach((run, r) -> last(t, progress, r, latest.get(run)));
  }

  /**
   * Whether a row is a target run's before its final one: no fit reads it, and where: keeps a
   * target's early rows (a review: Pythia-12B's perplexity of 0 at step 0, which where: step >=
   * 1000 leaves in, stopped predict once text in a predicted column was checked here).
   */
  private static boolean earlyTargetRow(Table t, int r) {
    return t.columnNames().contains(Columns.ROLE)
        && Role.TARGET.key().equals(CsvTables.column(t, Columns.ROLE).getString(r))
        && !finalOrBad(t, r);
  }

  /**
   * Text in a predicted column is an error here, not where a fit reads it: each method that read it
   * was refused with the error as its reason, and the others predicted, exit 0. A new user's
   * perplexity of -3 (its log derived) left only the direct fits, and two more tasks were predicted
   * than from the clean ladder, one outside its interval (twenty-sixth session).
   */
  private static void text(Table t, String column, int r) {
    if (CsvTables.isText(t, column, r)) {
      CsvTables.number(t, column, r); // names the cell and why
    }
  }

  /**
   * A checkpoint's key: its run, step and tokens, those the table has (a ladder's rows of one step
   * with other token counts pass, as its reading lets them), or null where one is empty or
   * unreadable.
   */
  private static List<Object> checkpoint(Table t, List<String> position, String run, int r) {
    List<Object> key = new ArrayList<>(List.of(run));
    for (String c : position) {
      double v = at(t, c, r);
      if (Double.isNaN(v)) {
        return null; // an empty or unreadable step is no checkpoint's
      }
      key.add(v);
    }
    return position.isEmpty() ? null : key;
  }

  /**
   * A row's step or tokens, NaN where empty or unreadable: results tables of published runs leave a
   * final row's step empty, and predict read steps only where a preparation needed them.
   */
  private static double at(Table t, String column, int r) {
    return CsvTables.numberOrNaN(t, column, r);
  }

  /**
   * Two rows of one run at one step were both fitted, the point counted twice (a table written
   * twice into one file passed without a word: the hunt).
   */
  private static void once(Table t, List<String> position, int r, Integer earlier) {
    if (earlier != null) {
      throw new InputException(
          CsvTables.cell(t, position.get(0), r)
              + ": repeats "
              + CsvTables.dataRow(t, earlier)
              + ": one row per run and "
              + String.join(" and ", position)
              + " (a table appended twice?)");
    }
  }

  /**
   * A final row is its run's last checkpoint: one before a later step (or, without steps, with
   * fewer tokens than another row) was fitted as the run's end and as a target's actual values (the
   * hunt).
   */
  private static void last(Table t, String progress, int finalRow, Integer latest) {
    if (latest != null && at(t, progress, latest) > at(t, progress, finalRow)) {
      throw new InputException(
          CsvTables.cell(t, Columns.IS_FINAL, finalRow)
              + String.format(
                  Locale.ROOT,
                  ": the final row is at %s %.4g, before %s (%.4g): the final row is the"
                      + " run's last checkpoint",
                  progress,
                  at(t, progress, finalRow),
                  CsvTables.dataRow(t, latest),
                  at(t, progress, latest)));
    }
  }

  /**
   * @param t a results table
   * @return a note per run without a final row: every fit of runs' final checkpoints (the loss
   *     laws, each task chain's stage 1, {@code direct}) leaves it out, and only a chain's stage 2
   *     reads its checkpoints (an unfinished run was left out without a word: the hunt)
   */
  public static List<String> notes(Table t) {
    if (!t.columnNames().contains(Columns.IS_FINAL)) {
      return List.of();
    }
    Map<String, Boolean> finished = new LinkedHashMap<>();
    Column<?> runs = CsvTables.column(t, Columns.RUN_ID);
    for (int r = 0; r < t.rowCount(); r++) {
      finished.merge(runs.getString(r), finalOrBad(t, r), Boolean::logicalOr);
    }
    List<String> out = new ArrayList<>();
    finished.forEach(
        (run, done) -> {
          if (!done) {
            out.add(
                t.name()
                    + ": run "
                    + run
                    + " has no final row (is_final): it is left out of every fit of final"
                    + " checkpoints (the loss laws, each task chain's stage 1, direct); only"
                    + " a chain's stage 2 reads its checkpoints");
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

  /**
   * A task's score is a fraction, at most 1, as its chance level is (empty or unreadable: the rows
   * of other quantities). Scores in percent were predicted as errors of 1,494 points and refused as
   * above a score's bound 1, with exit 0 (a new user's bad-input hunt, sixteenth session: then
   * checked for {@code --config} alone; every path since the twenty-second). Below 0 passes: a
   * chance-normalised score can be, and predictions are clipped at 0. A small tolerance keeps
   * 1.0000001 of a float sum.
   */
  private static void fraction(Table t, String column, int r, double v) {
    finite(t, column, r, v);
    if (v > 1 + 1e-6) {
      throw new InputException(
          CsvTables.cell(t, column, r)
              + ": "
              + CsvTables.column(t, column).getString(r).strip()
              + ": task scores are fractions, at most 1"
              + (v <= 100 ? " (percent? divide by 100)" : ""));
    }
  }

  /**
   * {@code v}, a cell's value, when finite and above 0 (or equal to it where {@code orEqual}): an
   * infinite loss (a diverged checkpoint) was fitted as it was (twenty-second session), where an
   * infinite N, D or C was already an error of the strict reader.
   */
  private static double above(Table t, String column, int r, double v, boolean orEqual) {
    finite(t, column, r, v);
    if (!(v > 0 || orEqual && v == 0)) {
      throw new InputException(
          CsvTables.cell(t, column, r)
              + String.format(Locale.ROOT, ": %s must be %s 0", v, orEqual ? ">=" : ">"));
    }
    return v;
  }

  /** An infinite cell is an error, named as the strict reader names one ({@code CsvTables}). */
  private static void finite(Table t, String column, int r, double v) {
    if (Double.isInfinite(v)) {
      throw new InputException(CsvTables.cell(t, column, r) + ": '" + v + "' is infinite");
    }
  }
}
