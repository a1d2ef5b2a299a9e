package org.scalecast.results;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A {@code COLUMN=VALUE} row condition. Numeric cells compare as numbers ({@code is_final=1} and
 * {@code tokens=1e9} work), others as exact strings.
 *
 * @param column the column name
 * @param value the wanted value, as written
 */
public record RowFilter(String column, String value) {

  /**
   * @param spec {@code COLUMN=VALUE}
   * @return the filter
   */
  public static RowFilter parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new InputException("--where '" + spec + "': expected COLUMN=VALUE");
    }
    return new RowFilter(spec.substring(0, eq), spec.substring(eq + 1));
  }

  /**
   * @param table the table
   * @param row a 0-based row
   * @return whether the row holds
   */
  public boolean test(Table table, int row) {
    Column<?> col = CsvTables.column(table, column);
    if (col.isMissing(row)) {
      return value.isEmpty();
    }
    String cell = col.getString(row);
    Double a = asNumber(cell);
    Double b = asNumber(value);
    if (a != null && b != null) {
      return a.doubleValue() == b.doubleValue();
    }
    return cell.equals(value);
  }

  private static Double asNumber(String s) {
    // Sizes as a ladder's where: reads them (n_params: 1.3B), so that a target named so is found.
    Double v = SizeNumber.parse(s);
    if (v != null) {
      return v;
    }
    return s.equalsIgnoreCase("true")
        ? Double.valueOf(1)
        : s.equalsIgnoreCase("false") ? Double.valueOf(0) : null;
  }

  @Override
  public String toString() {
    return column + "=" + value;
  }
}
