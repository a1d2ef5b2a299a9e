package org.scalecast.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Where a ladder's rows were read, kept in its table's {@link Columns#SOURCE_ROW} column so that an
 * error about a cell names the user's line: a ladder's table is sorted by run and step and joined
 * from a folder of files and a runs table, so its own row index named another line of the user's
 * file ("data row 4" for a file's eighth, twenty-fifth session), and a cell the runs table gave was
 * blamed on a checkpoint file (a review of that fix). A cell holds the checkpoint file's row, the
 * runs table's row and the columns that came from it, apart by {@link #SEP}; a cell that does not
 * read so (a results table's own column of that name) is no source.
 */
public final class RowSources {
  private RowSources() {}

  /** Between the parts of a cell: no file name or column name has it. */
  private static final String SEP = "\u001f";

  /**
   * @param file where the row was read: "FILE, data row R"
   * @param runs where its runs table row was, or null
   * @param fromRuns the columns whose cells that row gave
   * @return the cell
   */
  public static String encode(String file, String runs, List<String> fromRuns) {
    return file + SEP + (runs == null ? "" : runs) + SEP + String.join(SEP, fromRuns);
  }

  /**
   * @param t a table
   * @param column a column of it
   * @param row a 0-based row
   * @return where that cell was read, or null when the table does not say
   */
  public static String where(Table t, String column, int row) {
    String[] parts = parts(t, row);
    if (parts == null) {
      return null;
    }
    boolean fromRuns =
        column != null
            && !parts[1].isEmpty()
            && Arrays.asList(parts).subList(2, parts.length).contains(column);
    return fromRuns ? parts[1] : parts[0];
  }

  /**
   * @param t a table
   * @return its column names but {@link Columns#SOURCE_ROW}, for listings and hints
   */
  public static List<String> names(Table t) {
    List<String> out = new ArrayList<>(t.columnNames());
    out.remove(Columns.SOURCE_ROW);
    return out;
  }

  private static String[] parts(Table t, int row) {
    for (Column<?> c : t.columns()) {
      if (c.name().equals(Columns.SOURCE_ROW)) {
        String[] parts = c.getString(row).split(SEP, -1);
        return parts.length >= 2 ? parts : null;
      }
    }
    return null;
  }
}
