package org.scalecast.results.ladder;

import java.util.List;
import java.util.Set;

/**
 * Every checkpoint row with its cells by column name and where it came from.
 *
 * @param header union of the columns, in first-seen order
 * @param cells per row, cells aligned with {@code header}
 * @param file per row, its file
 * @param fileRow per row, its 0-based data row in that file
 * @param fileHas per row, whether its file (or the runs table) has each column
 * @param unlisted the runs of the checkpoints that the runs table does not list, left out
 * @param runs the runs table, or null
 * @param runsRow per row, its run's 0-based data row in the runs table, or -1
 */
record LadderRows(
    List<String> header,
    List<String[]> cells,
    List<RawTable> file,
    int[] fileRow,
    List<boolean[]> fileHas,
    Set<String> unlisted,
    RawTable runs,
    int[] runsRow) {
  int col(String name) {
    return header.indexOf(name);
  }

  /** Where row {@code r} came from: its file and data row, for errors. */
  String where(int r) {
    return file.get(r).where(fileRow[r]);
  }

  /**
   * Where row {@code r}'s cell of column {@code col} came from: the runs table's row when the
   * checkpoint file has no such cell (a bad N in the runs table was blamed on a checkpoint file; a
   * bad-input hunt, sixteenth session), else the checkpoint file's.
   */
  String where(int r, int col) {
    return fromRuns(r, col) ? runsWhere(r) : where(r);
  }

  /** Where row {@code r}'s runs table row was, or null when it has none. */
  String runsWhere(int r) {
    return runs != null && runsRow[r] >= 0 ? runs.where(runsRow[r]) : null;
  }

  /** The columns of {@link #header} that the runs table has, by index; none without one. */
  int[] runsColumns() {
    if (runs == null) {
      return new int[0];
    }
    return java.util.stream.IntStream.range(0, header.size())
        .filter(k -> runs.index(header.get(k)) >= 0)
        .toArray();
  }

  /** Whether the runs table gave row {@code r}'s cell of column {@code col}. */
  boolean fromRuns(int r, int col) {
    RawTable f = file.get(r);
    int own = f.index(header.get(col));
    // Only a runs table with that column can have given the cell: an empty tokens cell in a file
    // was blamed on a runs table without a tokens column (a new user's long ladder).
    return runs != null
        && runsRow[r] >= 0
        && runs.index(header.get(col)) >= 0
        && (own < 0 || f.rows().get(fileRow[r])[own] == null);
  }
}
