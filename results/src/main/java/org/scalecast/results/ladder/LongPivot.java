package org.scalecast.results.ladder;

import static org.scalecast.results.ladder.LadderText.missing;
import static org.scalecast.results.ladder.LadderText.or;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalecast.results.Columns;
import org.scalecast.results.InputException;

/**
 * A long table ({@code long:}: one row per run, step and task) turned wide, one column per task
 * ({@link Ladder}).
 */
final class LongPivot {
  private LongPivot() {}

  /** One row per run and step: the task column's values become columns holding the value column. */
  static RawTable pivot(RawTable t, String runCol, LadderSpec spec, List<String> notes) {
    String taskCol = spec.pivot().task();
    String valueCol = spec.pivot().value();
    int ti = t.index(taskCol);
    int vi = t.index(valueCol);
    if (ti < 0) {
      throw missing(t.file(), "long.task", taskCol, t.header());
    }
    if (vi < 0) {
      throw missing(t.file(), "long.value", valueCol, t.header());
    }
    String stepCol = or(spec.columns().step(), Columns.STEP);
    int si = t.index(stepCol);
    int ri = t.index(runCol);
    List<String> keep = new ArrayList<>();
    for (String h : t.header()) {
      if (!h.equals(taskCol) && !h.equals(valueCol)) {
        keep.add(h);
      }
    }
    Map<String, Integer> taskIndex = new LinkedHashMap<>();
    Map<String, String[]> byKey = new LinkedHashMap<>();
    // A task's name in lower case -> as first written.
    Map<String, String> spelled = new HashMap<>();
    Map<String, Map<String, Integer>> rowOf = new HashMap<>(); // key -> task -> its row
    java.util.function.Predicate<String> roles = roles(spec, runCol, stepCol);
    java.util.Set<String> perTask = new java.util.LinkedHashSet<>();
    for (int r = 0; r < t.rows().size(); r++) {
      String[] row = t.rows().get(r);
      String task = row[ti];
      if (task == null) {
        throw new InputException(t.where(r) + ", column '" + taskCol + "': empty task name");
      }
      sameCase(t, r, taskCol, task, spelled);
      // A task named like a role with no column ('flops' in a table of N and D) became C, exit 0
      // (a review, twenty-fourth session); like a column's, its name is refused.
      if (keep.stream().anyMatch(task::equalsIgnoreCase)
          || roles.test(task.toLowerCase(Locale.ROOT))) {
        // A task named like a column (step, N) replaced that column's values with its scores, and
        // predicted from them, exit 0 (a bad-input hunt, twentieth session).
        throw taskError(
            t,
            r,
            taskCol,
            task,
            "has the name of a column of the table or of a role; rename the task or the column");
      }
      String key = row[ri] + "\u0000" + (si < 0 ? "" : row[si]);
      String[] first = byKey.get(key);
      if (first == null) {
        byKey.put(key, row.clone());
      } else {
        sameOtherCells(t, r, first, keep, roles, perTask);
      }
      taskIndex.putIfAbsent(task, taskIndex.size());
      if (rowOf.computeIfAbsent(key, k -> new HashMap<>()).putIfAbsent(task, r) != null) {
        throw new InputException(
            t.where(r)
                + ": a second row for run '"
                + row[ri]
                + "'"
                + (si < 0 ? "" : ", step " + row[si])
                + " and task '"
                + task
                + "' (long: needs one row per run, step and task)");
      }
    }
    keep.removeAll(perTask);
    List<String> header = new ArrayList<>(keep);
    header.addAll(taskIndex.keySet());
    for (String task : taskIndex.keySet()) {
      perTask.forEach(c -> header.add(task + "_" + c));
    }
    distinct(t, header, keep, taskIndex.keySet(), perTask);
    String split =
        "long: the columns that differ between a checkpoint's tasks, or that some tasks lack, are"
            + " one per task (<task>_<column>): "
            + String.join(", ", perTask);
    if (!perTask.isEmpty() && !notes.contains(split)) { // once, not once per run's file
      notes.add(split);
    }
    List<String[]> rows = new ArrayList<>();
    int[][] source = new int[byKey.size()][];
    for (Map.Entry<String, String[]> e : byKey.entrySet()) {
      Map<String, Integer> rowsOfKey = rowOf.get(e.getKey());
      // Its file rows, for errors: any of them may hold a bad cell.
      source[rows.size()] =
          rowsOfKey.values().stream().mapToInt(Integer::intValue).sorted().toArray();
      String[] out = new String[header.size()];
      for (int k = 0; k < keep.size(); k++) {
        out[k] = e.getValue()[t.index(keep.get(k))];
      }
      int k = keep.size();
      for (String task : taskIndex.keySet()) {
        Integer r = rowsOfKey.get(task);
        out[k++] = r == null ? null : t.rows().get(r)[vi];
      }
      for (String task : taskIndex.keySet()) {
        Integer r = rowsOfKey.get(task);
        for (String c : perTask) {
          out[k++] = r == null ? null : t.rows().get(r)[t.index(c)];
        }
      }
      rows.add(out);
    }
    return new RawTable(t.file(), header, rows, source);
  }

  /**
   * Task names that differ only in case are one column name to the table (Tablesaw compares names
   * ignoring case): 'HellaSwag' in one run's rows and 'hellaswag' in another's ended in an internal
   * error (a new user's long ladder, twenty-fourth session).
   */
  private static void sameCase(
      RawTable t, int r, String taskCol, String task, Map<String, String> spelled) {
    String first = spelled.putIfAbsent(task.toLowerCase(java.util.Locale.ROOT), task);
    if (first != null && !first.equals(task)) {
      throw taskError(
          t,
          r,
          taskCol,
          task,
          "and task '"
              + first
              + "' differ only in case, and column names are compared ignoring case; write one"
              + " spelling");
    }
  }

  /** "FILE, data row R, column 'task': task 'NAME' " and what is wrong with it. */
  private static InputException taskError(
      RawTable t, int r, String taskCol, String task, String what) {
    return new InputException(
        t.where(r) + ", column '" + taskCol + "': task '" + task + "' " + what);
  }

  /**
   * The role columns of one run and step's task rows must agree: they become one row, and the first
   * task's values were kept without a word (a run's N ten times larger on its loss row only put the
   * run at 10x N: a bad-input hunt, twentieth session). An empty cell takes another row's. Another
   * column that differs between the tasks is one per task ({@code <task>_<column>}): the long
   * import of lm-evaluation-harness results has each task's stderr and other metrics beside the
   * value, and every one of them was refused (a new user's import, twenty-third session).
   */
  private static void sameOtherCells(
      RawTable t,
      int r,
      String[] first,
      List<String> keep,
      java.util.function.Predicate<String> roles,
      java.util.Set<String> perTask) {
    String[] row = t.rows().get(r);
    for (String h : keep) {
      int i = t.index(h);
      if (perTask.contains(h)) {
        continue;
      }
      if ((row[i] == null) != (first[i] == null) && !roles.test(h)) {
        // A metric some tasks have (a perplexity): named per task, as the wide import names it.
        perTask.add(h);
        continue;
      }
      if (row[i] == null) {
        continue;
      }
      if (first[i] == null) {
        first[i] = row[i];
      } else if (!LadderText.sameValue(first[i], row[i])) {
        if (!roles.test(h)) {
          perTask.add(h);
          continue;
        }
        throw new InputException(
            t.where(r)
                + ", column '"
                + h
                + "': '"
                + row[i]
                + "' where another task's row of the same run and step has '"
                + first[i]
                + "' (long: the role columns (run, step, tokens, N, C) are one per run and step)");
      }
    }
  }

  /**
   * Whether a column is one the ladder reads a role from: mapped in {@code columns:} or as the runs
   * table's key, or under one of scalecast's own names (a review: a differing tokens_per_step was
   * split per task, and the global one used instead).
   */
  private static java.util.function.Predicate<String> roles(
      LadderSpec spec, String runCol, String stepCol) {
    java.util.Set<String> mapped = new java.util.HashSet<>(List.of(runCol, stepCol));
    mapped.addAll(spec.columns().mapped());
    if (spec.runsKey() != null) {
      mapped.add(spec.runsKey());
    }
    return h -> mapped.contains(h) || Ladder.ownColumn(h);
  }

  /**
   * Every column name once: a task {@code a_x} and task {@code a}'s column {@code x} both made
   * {@code a_x}, and one's values were lost (a review).
   */
  private static void distinct(
      RawTable t,
      List<String> header,
      List<String> kept,
      java.util.Set<String> tasks,
      java.util.Set<String> perTask) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String h : header) {
      if (!seen.add(h.toLowerCase(java.util.Locale.ROOT))) { // Tablesaw ignores case
        throw new InputException(
            t.file()
                + ": long: the column '"
                + h
                + "' would be made twice (from the columns "
                + kept
                + ", the tasks "
                + tasks
                + " and the per-task columns "
                + perTask
                + "); rename a task or a column");
      }
    }
  }
}
