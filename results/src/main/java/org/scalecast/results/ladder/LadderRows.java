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
 */
record LadderRows(
    List<String> header,
    List<String[]> cells,
    List<RawTable> file,
    int[] fileRow,
    List<boolean[]> fileHas,
    Set<String> unlisted) {
  int col(String name) {
    return header.indexOf(name);
  }

  /** Where row {@code r} came from: its file and data row, for errors. */
  String where(int r) {
    return file.get(r).where(fileRow[r]);
  }
}
