package org.scalecast.results.ladder;

import static org.scalecast.results.ladder.LadderText.missing;
import static org.scalecast.results.ladder.LadderText.or;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
  static RawTable pivot(RawTable t, String runCol, LadderSpec spec) {
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
    Map<String, Map<String, String>> values = new HashMap<>();
    for (int r = 0; r < t.rows().size(); r++) {
      String[] row = t.rows().get(r);
      String task = row[ti];
      if (task == null) {
        throw new InputException(t.where(r) + ", column '" + taskCol + "': empty task name");
      }
      if (keep.contains(task)) {
        // A task named like a column (step, N) replaced that column's values with its scores, and
        // predicted from them, exit 0 (a bad-input hunt, twentieth session).
        throw new InputException(
            t.where(r)
                + ", column '"
                + taskCol
                + "': task '"
                + task
                + "' has the name of a column of the table; rename the task or the column");
      }
      String key = row[ri] + "\u0000" + (si < 0 ? "" : row[si]);
      String[] first = byKey.get(key);
      if (first == null) {
        byKey.put(key, row.clone());
      } else {
        sameOtherCells(t, r, first, keep, ti, vi);
      }
      taskIndex.putIfAbsent(task, taskIndex.size());
      Map<String, String> v = values.computeIfAbsent(key, k -> new HashMap<>());
      if (v.containsKey(task)) {
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
      v.put(task, row[vi]);
    }
    List<String> header = new ArrayList<>(keep);
    header.addAll(taskIndex.keySet());
    List<String[]> rows = new ArrayList<>();
    for (Map.Entry<String, String[]> e : byKey.entrySet()) {
      String[] out = new String[header.size()];
      for (int k = 0; k < keep.size(); k++) {
        out[k] = e.getValue()[t.index(keep.get(k))];
      }
      Map<String, String> v = values.get(e.getKey());
      int k = keep.size();
      for (String task : taskIndex.keySet()) {
        out[k++] = v.get(task);
      }
      rows.add(out);
    }
    return new RawTable(t.file(), header, rows);
  }

  /**
   * The other columns of one run and step's task rows must agree: they become one row, and the
   * first task's values were kept without a word (a run's N ten times larger on its loss row only
   * put the run at 10x N: a bad-input hunt, twentieth session). An empty cell takes another row's.
   */
  private static void sameOtherCells(
      RawTable t, int r, String[] first, List<String> keep, int ti, int vi) {
    String[] row = t.rows().get(r);
    for (String h : keep) {
      int i = t.index(h);
      if (i == ti || i == vi || row[i] == null) {
        continue;
      }
      if (first[i] == null) {
        first[i] = row[i];
      } else if (!LadderText.sameValue(first[i], row[i])) {
        throw new InputException(
            t.where(r)
                + ", column '"
                + h
                + "': '"
                + row[i]
                + "' where another task's row of the same run and step has '"
                + first[i]
                + "' (long: the columns other than the task and value are one per run and step)");
      }
    }
  }
}
