package org.scalecast.results.ladder;

import static org.scalecast.results.ladder.LadderRoles.cell;
import static org.scalecast.results.ladder.LadderRoles.leftOutWithoutRoles;
import static org.scalecast.results.ladder.LadderText.absent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scalecast.results.InputException;

/**
 * Which checkpoint rows a ladder keeps ({@link Ladder}): every row of a target run, and each row of
 * a sampling run that {@code where:} keeps, that has trained (D &gt; 0) and that has every
 * predicted column; with counts of the rest, for the notes.
 */
final class RowSelection {
  /** The rows kept, in table order. */
  final List<Integer> keep = new ArrayList<>();

  /** Sampling rows with none of the predicted columns. */
  int empty;

  /** Sampling rows with some of the predicted columns and not others. */
  int partialRows;

  /** Per predicted column, the rows left out without it. */
  final Map<String, Integer> partial = new LinkedHashMap<>();

  /** Sampling rows with no training tokens (D = 0). */
  int untrained;

  /** Sampling rows that {@code where:} keeps. */
  int passing;

  /** The runs with at least one row that {@code where:} keeps (targets always). */
  final Set<String> passingRuns = new HashSet<>();

  /** Per condition, how many rows it left out because their cell was no number. */
  final Map<String, Integer> unreadable = new LinkedHashMap<>();

  /** Per condition, the first such cell and its run. */
  final Map<String, String> firstUnreadable = new LinkedHashMap<>();

  private RowSelection() {}

  /**
   * @param c every row's roles
   * @param rows every row's cells
   * @param targetRuns the target runs, exempt from {@code where:}
   * @param where the ladder's conditions
   * @param measured the columns predicted from
   * @param mapped the user's columns of the roles
   * @return the rows kept and the counts of the rest
   * @throws InputException for a kept row whose roles could not be read
   */
  static RowSelection of(
      RoleValues c,
      LadderRows rows,
      Set<String> targetRuns,
      List<Comparison> where,
      Collection<String> measured,
      LadderSpec.RoleColumns mapped) {
    RowSelection out = new RowSelection();
    List<String> valued = measured.stream().filter(m -> rows.col(m) >= 0).distinct().toList();
    out.select(c, rows, targetRuns, where, valued, mapped);
    return out;
  }

  private void select(
      RoleValues c,
      LadderRows rows,
      Set<String> targetRuns,
      List<Comparison> where,
      List<String> valued,
      LadderSpec.RoleColumns mapped) {
    int n = c.run().length;
    Map<List<Object>, List<Integer>> pending = new LinkedHashMap<>(); // checkpoint -> its rows
    for (int r = 0; r < n; r++) {
      final int row = r;
      if (c.problem()[r] != null) {
        if (targetRuns.contains(c.run()[r]) || !leftOutWithoutRoles(where, c, rows, r, mapped)) {
          throw new InputException(c.problem()[r]);
        }
        continue; // left out by where on its other columns: its roles do not matter
      }
      boolean wanted = where.stream().allMatch(w -> w.test(cell(c, rows, row, w.column())));
      if (wanted || targetRuns.contains(c.run()[r])) {
        passingRuns.add(c.run()[r]);
      }
      if (!targetRuns.contains(c.run()[r])) {
        if (wanted) {
          passing++;
        } else {
          noteUnreadable(where, c, rows, r);
        }
      }
      if (targetRuns.contains(c.run()[r])) {
        keep.add(r);
      } else if (!wanted) {
        continue; // where: left it out; its D does not matter (Pythia's step-0 rows were noted)
      } else if (!(c.tokens()[r] > 0)) {
        untrained++;
      } else {
        pending
            .computeIfAbsent(
                List.of(c.run()[r], c.step()[r], c.tokens()[r]), k -> new ArrayList<>())
            .add(r);
      }
    }
    complete(c, rows, valued, pending);
  }

  /**
   * Keeps the rows of each checkpoint (run, step and tokens) whose rows together have every
   * predicted column; the merge that follows ({@code Ladder}) makes them one row. One checkpoint
   * written as two partial rows (its loss on one, a task on the other), in one file or two, was
   * left out as partial twice, and the run lost it for every quantity needing both, with a note
   * saying "missing: arc" (a bad-input hunt, twenty-eighth session).
   */
  private void complete(
      RoleValues c, LadderRows rows, List<String> valued, Map<List<Object>, List<Integer>> groups) {
    for (List<Integer> group : groups.values()) {
      boolean all =
          valued.stream().allMatch(m -> group.stream().anyMatch(r -> !absent(cell(c, rows, r, m))));
      for (int r : group) {
        List<String> gaps = valued.stream().filter(m -> absent(cell(c, rows, r, m))).toList();
        if (gaps.isEmpty()) {
          keep.add(r);
        } else if (gaps.size() == valued.size()) {
          empty++; // no predicted column: nothing to merge (a W&B export's training-only rows)
        } else if (all) {
          keep.add(r);
        } else {
          partialRows++;
          gaps.forEach(m -> partial.merge(m, 1, Integer::sum));
        }
      }
    }
  }

  /** Notes what was left out: unreadable cells, untrained rows, rows without predicted columns. */
  void note(Path source, List<String> notes) {
    unreadable.forEach(
        (w, count) ->
            notes.add(
                "where '"
                    + w
                    + "' left out "
                    + count
                    + " row(s) whose cell is empty or no number (first: "
                    + firstUnreadable.get(w)
                    + "); an ordering compares numbers only"));
    if (untrained > 0) {
      // An evaluation at step 0 (D = 0) is no point of a law in D; a ladder of released models
      // imported without steps and given tokens_per_step instead of a tokens column got D = 0 on
      // every row, and every method failed without saying why.
      notes.add(
          "left out "
              + untrained
              + " checkpoint row(s) of "
              + source
              + " with no training tokens (D = 0, e.g. an evaluation at step 0)");
    }
    if (empty > 0) {
      notes.add(
          "left out "
              + empty
              + " checkpoint row(s) of "
              + source
              + " with none of the predicted columns (e.g. training-only rows of a W&B export)");
    }
    if (partialRows > 0) {
      notes.add(
          partialRows
              + " checkpoint row(s) of "
              + source
              + " have some of the predicted columns empty ("
              + partial.entrySet().stream()
                  .map(e -> e.getKey() + ": " + e.getValue())
                  .collect(java.util.stream.Collectors.joining(", "))
              + "): each quantity is predicted from the rows that have its own columns (the mean"
              + " error from those that have them all), and a run's final checkpoint for it is its"
              + " last such row");
    }
  }

  /**
   * Why {@code where:} may have left every row out: a condition that compared text with an ordering
   * ({@code run < 1B}), which a note would have said had the read not stopped (a new user); else
   * empty.
   */
  String unreadableCause() {
    if (unreadable.isEmpty()) {
      return "";
    }
    Map.Entry<String, Integer> e = unreadable.entrySet().iterator().next();
    return String.format(
        java.util.Locale.ROOT,
        "; '%s' found no number in %d row(s) (first: %s): an ordering (< <= > >=) compares numbers"
            + " only",
        e.getKey(),
        e.getValue(),
        firstUnreadable.get(e.getKey()));
  }

  /**
   * Counts a row an ordering condition left out because its cell was no number (a derived log's "no
   * log of 0.0", a "1.3 B" with a space): {@link Comparison#test} takes it as false, which left it
   * out in silence (a review of the tenth session's change).
   */
  private void noteUnreadable(List<Comparison> where, RoleValues c, LadderRows rows, int r) {
    for (Comparison w : where) {
      String cell = cell(c, rows, r, w.column());
      // An empty cell too: D blank where tokens came from steps, under where: D >= 1e9, left the
      // checkpoint out in silence (a bad-input hunt, twenty-eighth session).
      boolean empty = (cell == null || cell.isBlank()) && w.ordering();
      if (empty || w.unreadable(cell)) {
        unreadable.merge(w.toString(), 1, Integer::sum);
        firstUnreadable.putIfAbsent(
            w.toString(), (empty ? "an empty cell" : "'" + cell + "'") + " in run " + c.run()[r]);
      }
    }
  }
}
