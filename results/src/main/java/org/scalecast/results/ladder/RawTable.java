package org.scalecast.results.ladder;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;

/**
 * A table as the user wrote it: a header and text cells, read from a CSV or JSONL file, so every
 * error can name the file, the row and the column before any type is guessed. Cells stay text until
 * a role needs a number; an empty cell is null.
 *
 * @param file where it came from
 * @param header column names, in order
 * @param rows cells, one array per data row, aligned with the header
 * @param sourceRows for a table made from another ({@link LongPivot}), each row's data rows in the
 *     file, for errors; null when row k is the file's data row k
 */
record RawTable(Path file, List<String> header, List<String[]> rows, int[][] sourceRows) {

  /** A table whose rows are the file's data rows, in order. */
  RawTable(Path file, List<String> header, List<String[]> rows) {
    this(file, header, rows, null);
  }

  // NaN and Infinity as Python's json writes them by default, not a parse error: NaN reads as a
  // missing value, Infinity as an infinite one (refused where a number is read).
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  /**
   * @param file a {@code .csv} or {@code .jsonl}/{@code .json} file (objects one per line, or
   *     pretty-printed, or in an array)
   * @return its table
   * @throws InputException naming the file (and line) when it cannot be read
   */
  static RawTable read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CsvTables.notAFile(file, "file");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      return name.endsWith(".jsonl") || name.endsWith(".json") ? jsonl(file) : csv(file);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read (" + CsvTables.oneLine(e) + ")", e);
    }
  }

  /**
   * @param file a CSV or JSONL file
   * @param column a column name
   * @return whether its header (a CSV's first line, a JSONL's first object) names the column
   */
  static boolean hasColumn(Path file, String column) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl") || name.endsWith(".json")) {
      return read(file).header().contains(column);
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      return first != null && header(file, split(strip(first), in, file, 1)).contains(column);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read (" + CsvTables.oneLine(e) + ")", e);
    }
  }

  /**
   * @param name a column
   * @return its index, or -1
   */
  int index(String name) {
    return header.indexOf(name);
  }

  /**
   * @param row 0-based data row
   * @return "FILE, data row R" (R from 1 after the header), as every message names a row
   */
  String where(int row) {
    if (sourceRows == null || sourceRows[row].length == 1) {
      return file + ", data row " + ((sourceRows == null ? row : sourceRows[row][0]) + 1);
    }
    // A pivoted row named its own index, not the file's rows (a new user's long ladder: "data row
    // 1568" was another run's row; twenty-fourth session); its cells come from any of its rows.
    int[] rs = sourceRows[row];
    StringBuilder b = new StringBuilder(file + ", data rows ");
    for (int k = 0; k < Math.min(rs.length, SHOWN_ROWS); k++) {
      b.append(k == 0 ? "" : ", ").append(rs[k] + 1);
    }
    if (rs.length > SHOWN_ROWS) {
      b.append(" and ").append(rs.length - SHOWN_ROWS).append(" more");
    }
    return b.append(" (one run and step's rows)").toString();
  }

  /** How many of a pivoted row's file rows {@link #where} names. */
  private static final int SHOWN_ROWS = 3;

  private static RawTable csv(Path file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    List<String> header;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (first == null) {
        throw new InputException(file + ": empty file (a CSV needs a header row)");
      }
      header = header(file, split(strip(first), in, file, 1));
      String line;
      int n = 1;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = split(line, in, file, n);
        if (cells.length != header.size()) {
          throw new InputException(
              file
                  + ", data row "
                  + (rows.size() + 1)
                  + ": "
                  + cells.length
                  + " cells where the header has "
                  + header.size()
                  + " columns");
        }
        rows.add(cells);
      }
    }
    return new RawTable(file, header, rows);
  }

  /**
   * The header, each name once: with a name twice the later column was read and the earlier dropped
   * without a word (a bad-input hunt, sixteenth session). A header of one name holding a tab or a
   * semicolon is a file with another separator. A column with no name is {@code unnamed_K}, K its
   * position.
   */
  private static List<String> header(Path file, String[] names) {
    java.util.Map<String, Integer> at = new java.util.HashMap<>();
    for (int i = 0; i < names.length; i++) {
      if (names[i] == null) { // pandas writes its index column with no name
        names[i] = "unnamed_" + (i + 1);
      }
      Integer before = at.put(names[i], i);
      if (before != null) {
        throw new InputException(
            String.format(
                java.util.Locale.ROOT,
                "%s: column '%s' is in the header twice (columns %d and %d)",
                file,
                names[i],
                before + 1,
                i + 1));
      }
    }
    // 'acc' and 'ACC' ended in an internal error (twenty-fourth session).
    CsvTables.distinctIgnoringCase(file, names);
    if (names.length == 1 && names[0].matches(".*[\t;].*")) {
      throw new InputException(
          file
              + ": the header is one column, '"
              + names[0]
              + "': a CSV is comma-separated (this one looks "
              + (names[0].contains("\t") ? "tab" : "semicolon")
              + "-separated)");
    }
    return List.of(names);
  }

  /** Drops a byte-order mark. */
  private static String strip(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /**
   * One CSV record (RFC 4180: quoted cells may hold commas, doubled quotes and line breaks). Empty
   * cells become null.
   */
  private static String[] split(String line, BufferedReader in, Path file, int lineNo)
      throws IOException {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    String s = line;
    int i = 0;
    while (true) {
      if (i == s.length()) {
        if (!quoted) {
          break;
        }
        String next = in.readLine();
        if (next == null) {
          throw new InputException(file + ", line " + lineNo + ": a quoted cell is never closed");
        }
        cell.append('\n');
        s = next;
        i = 0;
        continue;
      }
      char c = s.charAt(i++);
      if (quoted) {
        if (c == '"') {
          if (i < s.length() && s.charAt(i) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        cells.add(cell(cell, wasQuoted));
        cell.setLength(0);
        wasQuoted = false;
      } else {
        cell.append(c);
      }
    }
    cells.add(cell(cell, wasQuoted));
    return cells.toArray(String[]::new);
  }

  private static String cell(StringBuilder b, boolean quoted) {
    String v = quoted ? b.toString() : b.toString().strip();
    return v.isEmpty() ? null : v;
  }

  /**
   * JSON Lines, or JSON as tools write it per run: one object pretty-printed over many lines, an
   * array of objects, or several objects in a row. Each object is a row. A per-run evaluation file
   * is usually one indented object (DCLM's {@code exp_data/evals/*.json}); read line by line its
   * first line, a lone brace, was "not a JSON object" (fourteenth session). Line by line first, so
   * that a broken line of JSON Lines is named as itself: a parser reading on found the break a line
   * or more later (review of the change); a {@code .jsonl} file is read no other way.
   */
  private static RawTable jsonl(Path file) throws IOException {
    String text = strip(Files.readString(file, StandardCharsets.UTF_8));
    List<JsonNode> objects = new ArrayList<>();
    InputException byLine = byLine(file, text, objects);
    if (byLine != null) {
      boolean linesFirst = !objects.isEmpty() || file.toString().endsWith(".jsonl");
      objects.clear();
      InputException whole = linesFirst ? byLine : whole(file, text, objects);
      if (whole != null) {
        throw linesFirst ? byLine : whole;
      }
    }
    Map<String, Boolean> names = new LinkedHashMap<>();
    List<Map<String, String>> flat = new ArrayList<>();
    for (JsonNode o : objects) {
      Map<String, String> f = new LinkedHashMap<>();
      String twice = flatten("", o, f);
      if (twice != null) {
        // A flat "eval/x" beside a nested eval: {x} overwrote one with the other, exit 0, where a
        // CSV's repeated header is an error (a bad-input hunt, twentieth session).
        throw new InputException(
            file
                + ", object "
                + (flat.size() + 1)
                + ": key '"
                + twice
                + "' is given twice (as a key and as a nested one), so which value is meant is"
                + " unknown");
      }
      f.keySet().forEach(k -> names.put(k, true));
      flat.add(f);
    }
    // Keys that differ only in case are one column name (header()'s check, as for a CSV's).
    List<String> header = header(file, names.keySet().toArray(String[]::new));
    List<String[]> rows = new ArrayList<>();
    for (Map<String, String> o : flat) {
      String[] cells = new String[header.size()];
      for (int c = 0; c < cells.length; c++) {
        cells[c] = o.get(header.get(c));
      }
      rows.add(cells);
    }
    return new RawTable(file, header, rows);
  }

  /**
   * @return null when every non-blank line is a JSON object (added to {@code out}), else the error
   *     naming the first line that is not
   */
  private static InputException byLine(Path file, String text, List<JsonNode> out) {
    String[] lines = text.split("\\R", -1);
    for (int n = 0; n < lines.length; n++) {
      if (lines[n].isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(lines[n]);
      } catch (IOException e) {
        return new InputException(
            file + ", line " + (n + 1) + ": not a JSON object (" + CsvTables.oneLine(e) + ")");
      }
      if (node == null || !node.isObject()) {
        return new InputException(file + ", line " + (n + 1) + ": not a JSON object");
      }
      out.add(node);
    }
    return null;
  }

  /**
   * @return null when the text is a sequence of JSON objects or arrays of them (added to {@code
   *     out}), else the error naming the line where it stops being one
   */
  private static InputException whole(Path file, String text, List<JsonNode> out) {
    try (JsonParser p = JSON.getFactory().createParser(text)) {
      while (p.nextToken() != null) {
        int line = p.currentTokenLocation().getLineNr();
        JsonNode node = JSON.readTree(p);
        for (JsonNode o : node.isArray() ? node : List.of(node)) {
          if (!o.isObject()) {
            return new InputException(file + ", line " + line + ": not a JSON object");
          }
          out.add(o);
        }
      }
      return null;
    } catch (IOException e) {
      int line =
          e instanceof JsonProcessingException j && j.getLocation() != null
              ? j.getLocation().getLineNr()
              : 0;
      return new InputException(
          file + ", line " + line + ": not a JSON object (" + CsvTables.oneLine(e) + ")");
    }
  }

  /**
   * Nested objects become {@code outer/inner} columns, as W&B names its keys. A number is written
   * as its text ({@code NaN}, read as missing as in a CSV; its JSON form was the quoted {@code
   * "NaN"}, refused as not a number: a bad-input hunt, twentieth session).
   *
   * @return the first key that flattens to a name already given, or null
   */
  private static String flatten(String prefix, JsonNode node, Map<String, String> out) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + e.getKey();
      JsonNode v = e.getValue();
      String twice = null;
      if (v.isObject()) {
        twice = flatten(key + "/", v, out);
      } else if (!v.isNull()) {
        String cell = v.isTextual() || v.isNumber() ? v.asText() : v.toString();
        twice = out.putIfAbsent(key, cell) == null ? null : key;
      }
      if (twice != null) {
        return twice;
      }
    }
    return null;
  }
}
