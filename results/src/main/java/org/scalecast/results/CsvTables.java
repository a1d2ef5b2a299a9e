package org.scalecast.results;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
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

  /** A plain decimal number, as a CSV cell spells one (no NaN, no infinity, no hex). */
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /** A number with a comma (decimal or thousands) or a percent sign. */
  private static final Pattern AMBIGUOUS =
      Pattern.compile("[+-]?(\\d+(,\\d+)+(\\.\\d*)?|\\d*\\.?\\d+%)");

  /** The words {@link Double#parseDouble} reads for NaN and the infinities, kept as they were. */
  private static final Pattern NON_FINITE = Pattern.compile("NaN|[+-]?Infinity");

  private CsvTables() {}

  /**
   * Parses a cell's text as a decimal number: what {@link Double#parseDouble} reads, less Java's
   * own spellings ({@code 3e8d}, {@code 1f}, hexadecimal {@code 0x1p3}), which no table writes for
   * a number and which a ladder's runs table read as N (a bad-input hunt, twentieth session).
   *
   * @param text a cell
   * @return its value ({@code NaN} and {@code Infinity} as Java spells them too)
   * @throws NumberFormatException when it is not such a number
   */
  public static double decimal(String text) {
    String s = text.strip();
    if (!NUMBER.matcher(s).matches() && !NON_FINITE.matcher(s).matches()) {
      throw new NumberFormatException("not a decimal number: '" + s + "'");
    }
    return Double.parseDouble(s);
  }

  /**
   * @param file a CSV file with a header row
   * @return the table, named after the file
   * @throws InputException when the file is missing or not CSV
   */
  public static Table read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw notAFile(file, "file");
    }
    checkShape(file);
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
   * Tablesaw compares column names ignoring case: 'l' and 'L' failed as "cannot read as CSV (Cannot
   * add column with duplicate name ...)", which did not say why (a review, twenty-fourth session).
   * A name written twice exactly is left to the caller.
   *
   * @param file the file, for the message
   * @param header its column names (a null one is skipped)
   * @throws InputException naming the first two that differ only in case
   */
  public static void distinctIgnoringCase(Path file, String[] header) {
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < header.length; i++) {
      if (header[i] == null) {
        continue;
      }
      Integer before = seen.putIfAbsent(header[i].toLowerCase(Locale.ROOT), i);
      if (before != null && !header[before].equals(header[i])) {
        throw new InputException(
            String.format(
                Locale.ROOT,
                "%s: columns '%s' and '%s' differ only in case (columns %d and %d), and column"
                    + " names are compared ignoring case; rename one",
                file,
                header[before],
                header[i],
                before + 1,
                i + 1));
      }
    }
  }

  /**
   * Every row has the header's number of cells, and there is at least one row beside the header:
   * Tablesaw would fail on a long row with an index error and take an empty table for a table.
   */
  private static void checkShape(Path file) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setMaxCharsPerColumn(-1);
    settings.setMaxColumns(1 << 20);
    settings.setLineSeparatorDetectionEnabled(true);
    CsvParser parser = new CsvParser(settings);
    try {
      parser.beginParsing(file.toFile(), StandardCharsets.UTF_8);
      String[] header = parser.parseNext();
      if (header == null) {
        throw new InputException(file + ": empty file (no header row)");
      }
      distinctIgnoringCase(file, header);
      int rows = 0;
      for (String[] row = parser.parseNext(); row != null; row = parser.parseNext()) {
        rows++;
        if (row.length != header.length) {
          throw new InputException(
              String.format(
                  Locale.ROOT,
                  "%s, data row %d (line %d): %d cells, but the header has %d",
                  file,
                  rows,
                  parser.getContext().currentLine(),
                  row.length,
                  header.length));
        }
        for (int c = 0; c < row.length; c++) {
          if (row[c] != null && AMBIGUOUS.matcher(row[c].strip()).matches()) {
            // Tablesaw read "2,392" (a decimal comma) as 2392 and "65%" as 0.65 without a word (a
            // bad-input hunt, twentieth session); the ladder reader refuses both already.
            throw new InputException(
                String.format(
                    Locale.ROOT,
                    "%s, data row %d, column '%s': '%s' is not a plain number (write it with a"
                        + " decimal point, no thousands separator and no %%)",
                    file,
                    rows,
                    header[c],
                    row[c].strip()));
          }
        }
      }
      if (rows == 0) {
        throw new InputException(file + ": a header and no data rows");
      }
    } catch (TextParsingException e) {
      throw new InputException(file + ": cannot read as CSV (" + oneLine(e) + ")", e);
    } finally {
      parser.stopParsing();
    }
  }

  /**
   * @param table a table read by {@link #read}
   * @param name a column name
   * @return the column
   * @throws InputException naming the columns that exist
   */
  public static Column<?> column(Table table, String name) {
    // By exact name over Tablesaw's own list: columnNames() copies every name on each call and
    // table.column(name) compares ignoring case, which made this lookup, once per cell read, 15% of
    // a 40-run ladder's prediction time (bench ladder, fifteenth session).
    for (Column<?> c : table.columns()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new InputException(
        table.name()
            + ": no column '"
            + name
            + "'"
            + Closest.columns(name, RowSources.names(table)));
  }

  /**
   * Reads one cell as a number. Rows are data rows counted from 1 after the header (0-based {@code
   * row} 0 is "data row 1"), in every message.
   *
   * <p>A column that Tablesaw typed as text (because some cell in it, e.g. {@code nan} or {@code
   * inf}, is not a number) is read cell by cell, so a good cell in it still reads and a bad one is
   * named with its own row and text.
   *
   * @param table a table
   * @param name a numeric column
   * @param row a 0-based row index
   * @return the cell as a finite double
   * @throws InputException naming file, data row, column and the cell's text when the cell is
   *     empty, NaN in any spelling, infinite or not a number
   */
  public static double number(Table table, String name, int row) {
    Column<?> col = column(table, name);
    if (col.isMissing(row)) {
      throw bad(table, name, row, "empty or NaN (a missing value)");
    }
    if (col instanceof BooleanColumn flag) {
      return flag.get(row) ? 1 : 0;
    }
    if (col instanceof NumericColumn<?> num) {
      double v = num.getDouble(row);
      if (!Double.isFinite(v)) {
        throw bad(table, name, row, "'" + v + "' is " + (Double.isNaN(v) ? "NaN" : "infinite"));
      }
      return v;
    }
    String text = col.getString(row).strip();
    if (NUMBER.matcher(text).matches()) {
      double v = Double.parseDouble(text);
      if (Double.isFinite(v)) {
        return v;
      }
      throw bad(table, name, row, "'" + text + "' is out of range (infinite as a double)");
    }
    String word = text.replaceFirst("^[+-]", "").toLowerCase(Locale.ROOT);
    // A derived log's missing value was quoted as if the user had written it (a new user,
    // twenty-sixth session).
    String why =
        text.startsWith(NO_LOG)
            ? text
            : text.isEmpty()
                ? "empty"
                : word.equals("nan")
                    ? "'" + text + "' is NaN, not a number"
                    : word.equals("inf") || word.equals("infinity")
                        ? "'" + text + "' is infinite"
                        : "'" + text + "' is not a number";
    throw bad(table, name, row, why);
  }

  /**
   * Reads one cell as a flag ({@code is_final}): a boolean column's cell, 0 or 1, or the text
   * {@code true} or {@code false} in any case. One bad cell makes Tablesaw type the whole column as
   * text, where every {@code false} was "not a number" and the first of them was named instead of
   * the bad cell (a bad-input hunt, twentieth session).
   *
   * @param table a table
   * @param name a flag column
   * @param row a 0-based row index
   * @return the flag
   * @throws InputException naming file, data row and column when the cell is none of these
   */
  public static boolean flag(Table table, String name, int row) {
    Column<?> col = column(table, name);
    if (col instanceof BooleanColumn flag && !col.isMissing(row)) {
      return flag.get(row); // the ladder's own column; read per row of every fit
    }
    if (!col.isMissing(row) && !(col instanceof NumericColumn<?>)) {
      String w = col.getString(row).strip().toLowerCase(Locale.ROOT);
      if (w.equals("true") || w.equals("false")) {
        return w.equals("true");
      }
      if (!w.isEmpty() && !NUMBER.matcher(w).matches()) {
        throw bad(table, name, row, "'" + col.getString(row) + "' is neither true nor false");
      }
    }
    double v = number(table, name, row);
    if (v != 0 && v != 1) {
      throw bad(
          table, name, row, "'" + col.getString(row) + "' is neither true nor false (1 or 0)");
    }
    return v == 1;
  }

  /**
   * A cell as a number where it is one, for checks that pass over the rest (a missing or unreadable
   * cell is {@link #number}'s to report where it is read).
   *
   * @param table a table
   * @param name a column
   * @param row a 0-based row index
   * @return the cell's value, NaN when it is missing or not a number
   */
  public static double numberOrNaN(Table table, String name, int row) {
    Column<?> col = column(table, name);
    if (col.isMissing(row)) {
      return Double.NaN;
    }
    if (col instanceof BooleanColumn flag) {
      return flag.get(row) ? 1 : 0;
    }
    if (col instanceof NumericColumn<?> num) {
      return num.getDouble(row);
    }
    String text = col.getString(row).strip();
    return NUMBER.matcher(text).matches() ? Double.parseDouble(text) : Double.NaN;
  }

  /**
   * The start of a derived log's text where its cell had none ({@code derive: log:} of a value at
   * or below 0); a column derived from it keeps it, and reading it is an error that says so.
   */
  public static final String NO_LOG = "no log of ";

  /** Spellings of a missing value: a cell that is one of them is no typo. */
  private static final Pattern MISSING_WORD =
      Pattern.compile("(?i)[+-]?(nan|inf|infinity)|n/?a|none|null|-|\\?");

  /**
   * Whether a cell holds text that is no number and no spelling of a missing value: a typo, or a
   * derived log's missing value ({@link #NO_LOG}), an error wherever it is rather than a missing
   * value.
   *
   * @param table a table
   * @param name a column
   * @param row a 0-based row index
   */
  public static boolean isText(Table table, String name, int row) {
    Column<?> col = column(table, name);
    if (col.isMissing(row) || col instanceof NumericColumn<?> || col instanceof BooleanColumn) {
      return false;
    }
    String text = col.getString(row).strip();
    return !text.isEmpty()
        && !NUMBER.matcher(text).matches()
        && !MISSING_WORD.matcher(text).matches();
  }

  /**
   * @param table a table
   * @param name a column
   * @param row a 0-based row index
   * @return "FILE, data row R, column 'NAME'", R counted from 1 after the header, with "(run ID,
   *     step S)" after R where the table has both columns; for a ladder's table, where the cell was
   *     read ({@link RowSources})
   */
  public static String cell(Table table, String name, int row) {
    String where = RowSources.where(table, name, row);
    return (where != null ? where : table.name() + ", data row " + (row + 1))
        + runAndStep(table, row)
        + ", column '"
        + name
        + "'";
  }

  /**
   * @param table a table
   * @param row a 0-based row index
   * @return "data row R", R counted from 1 after the header, for a second row of the same table as
   *     {@link #cell} names one; where a ladder's row was read ({@link RowSources}), with its file
   */
  public static String dataRow(Table table, int row) {
    String where = RowSources.where(table, null, row);
    return where != null ? where : "data row " + (row + 1);
  }

  private static String runAndStep(Table t, int row) {
    if (!t.columnNames().contains(Columns.RUN_ID) || !t.columnNames().contains(Columns.STEP)) {
      return "";
    }
    Column<?> run = t.column(Columns.RUN_ID);
    Column<?> step = t.column(Columns.STEP);
    if (run.isMissing(row) || step.isMissing(row)) {
      return "";
    }
    String s = step.getString(row);
    if (step instanceof NumericColumn<?> num) {
      double v = num.getDouble(row);
      s = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
    return " (run " + run.getString(row) + ", step " + s + ")";
  }

  private static InputException bad(Table table, String name, int row, String why) {
    return new InputException(cell(table, name, row) + ": " + why);
  }

  /** Jackson's own words and the line and column, without its source description. */
  private static String jsonMessage(com.fasterxml.jackson.core.JsonProcessingException j) {
    var at = j.getLocation();
    String m =
        j.getOriginalMessage() == null
            ? ""
            : j.getOriginalMessage().replaceAll("\\[Source: .*?; line", "[line");
    return at == null || at.getLineNr() < 1
        ? m
        : m + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  /**
   * @param e an exception
   * @return its message on one line
   */
  public static String oneLine(Throwable e) {
    return reason(e).replaceAll("\\s+", " ").trim();
  }

  /**
   * Why, in words a user can act on. A file system error's message is only its path ("cannot read
   * (/x/a.csv)" for a file mode 000 gave the path twice and no reason: a bad-input hunt, sixteenth
   * session); Jackson's ends in its location with "Source: REDACTED (...)", and a file in another
   * encoding said "Input length = 1" (a bad-input hunt, twentieth session).
   */
  private static String reason(Throwable e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.charset.CharacterCodingException) {
      return "not UTF-8 text (save it as UTF-8)";
    }
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
      return jsonMessage(j);
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * @param file a path a command reads
   * @param what what it should be ("file", "config file")
   * @return the error for a path that is no regular file: a folder says so (it said "no such file"
   *     too: a bad-input hunt, twentieth session)
   */
  public static InputException notAFile(Path file, String what) {
    return new InputException(
        file
            + (Files.isDirectory(file)
                ? ": a folder, where a " + what + " is expected"
                : ": no such " + what));
  }
}
