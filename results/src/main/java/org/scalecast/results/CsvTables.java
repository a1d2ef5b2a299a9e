package org.scalecast.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads any CSV into a Tablesaw table and pulls numeric cells out of it with errors that name the
 * file, row and column. Types are detected over all rows (not a sample) as long, double, boolean or
 * string, so a large FLOP count never lands in a float column.
 */
public final class CsvTables {
  private static final ColumnType[] DETECT = {
    ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.STRING
  };

  private CsvTables() {}

  /**
   * @param file a CSV file with a header row
   * @return the table, named after the file
   * @throws InputException when the file is missing or not CSV
   */
  public static Table read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InputException(file + ": no such file");
    }
    try {
      CsvReadOptions options =
          CsvReadOptions.builder(file.toFile())
              .sample(false)
              .columnTypesToDetect(List.of(DETECT))
              .tableName(file.toString())
              .build();
      return Table.read().csv(options);
    } catch (RuntimeException e) {
      throw new InputException(file + ": cannot read as CSV (" + oneLine(e) + ")", e);
    }
  }

  /**
   * @param table a table read by {@link #read}
   * @param name a column name
   * @return the column
   * @throws InputException naming the columns that exist
   */
  public static Column<?> column(Table table, String name) {
    if (!table.columnNames().contains(name)) {
      throw new InputException(
          table.name()
              + ": no column '"
              + name
              + "' (columns: "
              + String.join(", ", table.columnNames())
              + ")");
    }
    return table.column(name);
  }

  /**
   * @param table a table
   * @param name a numeric column
   * @param row a 0-based row index
   * @return the cell as a finite double
   * @throws InputException naming file, row and column when the column is not numeric or the cell
   *     is empty or NaN
   */
  public static double number(Table table, String name, int row) {
    Column<?> col = column(table, name);
    if (col instanceof BooleanColumn flag && !flag.isMissing(row)) {
      return flag.get(row) ? 1 : 0;
    }
    if (!(col instanceof NumericColumn<?> num)) {
      throw new InputException(
          table.name()
              + ", row "
              + (row + 1)
              + ", column '"
              + name
              + "': '"
              + col.getString(row)
              + "' is not a number");
    }
    double v = num.isMissing(row) ? Double.NaN : num.getDouble(row);
    if (!Double.isFinite(v)) {
      throw new InputException(
          table.name() + ", row " + (row + 1) + ", column '" + name + "': empty, NaN or infinite");
    }
    return v;
  }

  /**
   * @param e an exception
   * @return its message on one line
   */
  public static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s+", " ").trim();
  }
}
