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
 * runs table's row and the columns that came from it, apart by {@link #SEP}, after the row's place
 * in the order it was read ({@link #readOrder}); a cell that does not read so (a results table's
 * own column of that name) is no source.
 */
public final class RowSources {
  private RowSources() {}

  /** Between the parts of a cell: no file name or column name has it. */
  private static final String SEP = "\u001f";

  /**
   * @param read the row's place in the order the ladder's files were read
   * @param file where the row was read: "FILE, data row R"
   * @param runs where its runs table row was, or null
   * @param fromRuns the columns whose cells that row gave
   * @return the cell
   */
  public static String encode(int read, String file, String runs, List<String> fromRuns) {
    return read + SEP + file + SEP + (runs == null ? "" : runs) + SEP + String.join(SEP, fromRuns);
  }

  /**
   * The table's rows in the order they were read, so that a check names the first bad cell of the
   * user's file: a ladder's table is sorted by run, and a whole column of percentages was named at
   * GPT-3's 13B, the file's seventh row, since "gpt3-13b" sorts first (a new user, twenty-seventh
   * session).
   *
   * @param t a table
   * @return its row indices in read order, or in table order when the table does not say
   */
  public static int[] readOrder(Table t) {
    Integer[] order = new Integer[t.rowCount()];
    long[] read = new long[order.length];
    for (int r = 0; r < order.length; r++) {
      order[r] = r;
      String[] parts = parts(t, r);
      read[r] = parts == null ? r : Long.parseLong(parts[0]);
    }
    Arrays.sort(order, (a, b) -> Long.compare(read[a], read[b]));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
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
            && !parts[2].isEmpty()
            && Arrays.asList(parts).subList(3, parts.length).contains(column);
    return fromRuns ? parts[2] : parts[1];
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
        return parts.length >= 3 && parts[0].matches("\\d+") ? parts : null;
      }
    }
    return null;
  }
}
