package org.scalecast.results.ladder;

import static org.scalecast.results.ladder.LadderText.absent;
import static org.scalecast.results.ladder.LadderText.listed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;

/**
 * The {@code derive:} columns ({@link LadderSpec.Derived}), appended to every checkpoint row
 * ({@link Ladder}).
 */
final class LadderDerive {
  private LadderDerive() {}

  /**
   * The rows with each derived column appended: the weighted mean of its columns (or the log of its
   * one column) where a row has them all, else empty.
   */
  static LadderRows derive(LadderRows rows, List<LadderSpec.Derived> derived, List<String> notes) {
    if (derived.isEmpty()) {
      return rows;
    }
    List<String> header = new ArrayList<>(rows.header());
    int[][] sources = new int[derived.size()][];
    for (int d = 0; d < derived.size(); d++) {
      LadderSpec.Derived dv = derived.get(d);
      if (Ladder.ownColumn(dv.name())) {
        // A derived 'tokens' became the role unmapped and put D at a mean score, exit 0 (a
        // bad-input hunt, twentieth session).
        throw new InputException(
            "ladder: derive '"
                + dv.name()
                + "': the name of one of scalecast's own columns; name it otherwise (and map a"
                + " role to it under columns: if that is what is meant)");
      }
      if (header.contains(dv.name())) {
        throw new InputException(
            "ladder: derive '"
                + dv.name()
                + "': the checkpoints already have a column by that name");
      }
      List<String> parts = parts(dv, rows.header());
      if (dv.match() != null) {
        // A pattern too wide averages what it should not (a new user's 'hendrycksTest-.*' took
        // acc, acc_norm and both stderr columns: an MMLU below chance), so say what it took.
        notes.add(
            "derive '"
                + dv.name()
                + "' averages the "
                + parts.size()
                + " column(s) 'match: "
                + dv.match()
                + "' matches in full: "
                + listed(parts, 4));
      }
      sources[d] = new int[parts.size()];
      for (int i = 0; i < parts.size(); i++) {
        sources[d][i] = header.indexOf(parts.get(i));
        if (sources[d][i] < 0) {
          throw new InputException(
              "ladder: derive '"
                  + dv.name()
                  + "': no column '"
                  + parts.get(i)
                  + "' ("
                  + LadderText.columns(parts.get(i), rows.header())
                  + ")");
        }
      }
      header.add(dv.name());
    }
    int width = rows.header().size();
    List<String[]> cells = new ArrayList<>();
    List<boolean[]> has = new ArrayList<>();
    for (int r = 0; r < rows.cells().size(); r++) {
      String[] row = Arrays.copyOf(rows.cells().get(r), header.size());
      boolean[] h = Arrays.copyOf(rows.fileHas().get(r), header.size());
      for (int d = 0; d < derived.size(); d++) {
        // From the extended row: a derived column may average an earlier one.
        row[width + d] = derivedValue(row, header, rows, r, derived.get(d), sources[d]);
        h[width + d] = true;
      }
      cells.add(row);
      has.add(h);
    }
    return new LadderRows(
        header,
        cells,
        rows.file(),
        rows.fileRow(),
        has,
        rows.unlisted(),
        rows.runs(),
        rows.runsRow());
  }

  /**
   * The columns a derived column is computed from: its list, every column its pattern matches, or
   * the one it takes the log of.
   */
  static List<String> parts(LadderSpec.Derived d, List<String> header) {
    if (d.log() != null) {
      return List.of(d.log());
    }
    if (d.match() == null) {
      return d.mean();
    }
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(d.match());
    List<String> out = header.stream().filter(h -> p.matcher(h).matches()).toList();
    if (out.isEmpty()) {
      throw new InputException(
          "ladder: derive '"
              + d.name()
              + "': 'match: "
              + d.match()
              + "' matches no column name in full (a pattern for part of a name needs .*)");
    }
    return out;
  }

  /**
   * The natural log of a cell as text, or text that is no number where the cell is not positive:
   * like any text in a column, it is an error where a fit reads it, named with its run and step,
   * and nothing where {@code where:} leaves its row out (a user's zero perplexity at step 512,
   * which {@code step >= 1000} drops, stopped the read).
   */
  static String logOf(double v, String column) {
    return v > 0
        ? Double.toString(Math.log(v))
        : CsvTables.NO_LOG + v + " (the log of column '" + column + "', which must be > 0)";
  }

  /** One row's derived value as text, or null when a column it uses is empty. */
  static String derivedValue(
      String[] row,
      List<String> header,
      LadderRows rows,
      int r,
      LadderSpec.Derived d,
      int[] sources) {
    double sum = 0;
    double weights = 0;
    for (int i = 0; i < sources.length; i++) {
      String cell = row[sources[i]];
      if (absent(cell)) {
        return null;
      }
      if (cell.startsWith(CsvTables.NO_LOG)) {
        return cell; // an earlier log's missing value, an error only where a fit reads it
      }
      double v;
      try {
        v = CsvTables.decimal(cell);
      } catch (NumberFormatException e) {
        throw new InputException(
            rows.where(r)
                + ", column '"
                + header.get(sources[i])
                + "' (derive "
                + d.name()
                + "): '"
                + cell
                + "' is not a number");
      }
      if (d.log() != null) {
        return logOf(v, header.get(sources[i]));
      }
      sum += d.weight(i) * v;
      weights += d.weight(i);
    }
    return Double.toString(sum / weights);
  }
}
