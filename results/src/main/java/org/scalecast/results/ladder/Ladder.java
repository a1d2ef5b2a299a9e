package org.scalecast.results.ladder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.Role;
import org.scalecast.results.SizeNumber;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Reads a user's ladder ({@link LadderSpec}) into scalecast's canonical results table: {@code
 * run_id}, {@code step}, {@code tokens}, {@code n_params}, {@code flops}, {@code role}, {@code
 * is_final}, then every user column under its own name (numbers as doubles, empty cells missing).
 *
 * <p>Order of work: read each file; pivot a long table; join the runs table on the run column (only
 * its runs are kept); add the derived columns ({@link LadderSpec.Derived}); compute the roles (C =
 * 6 N D when no FLOPs column, the scalecast sweep's own convention, Kaplan et al. 2020; tokens =
 * step x tokens per step when no tokens column); mark the target runs; apply {@code where:} to the
 * other runs' checkpoints; mark each run's last remaining checkpoint final.
 */
public final class Ladder {
  private static final Set<String> CANONICAL =
      Set.of(
          Columns.RUN_ID,
          Columns.STEP,
          Columns.TOKENS,
          Columns.N_PARAMS,
          Columns.FLOPS,
          Columns.ROLE,
          Columns.IS_FINAL);

  private Ladder() {}

  /**
   * The canonical table and what was left out on the way.
   *
   * @param table the canonical table, named after the checkpoints path
   * @param notes one line per thing left out (runs missing from the runs table, runs without rows
   *     after {@code where:})
   * @param incomplete whether rows of sampling runs were left out for having some of the predicted
   *     columns and not others (then each quantity has more rows of its own: {@code QuantityParts})
   */
  public record Read(Table table, List<String> notes, boolean incomplete) {}

  /**
   * @param spec the ladder section
   * @param base the folder its paths are relative to (the config's)
   * @param targets one map per target naming its run(s) by role or column = value; their runs get
   *     {@code role = target} and are exempt from {@code where:}
   * @return the canonical table
   * @throws InputException naming the file, row and column of the first bad cell or missing column
   */
  public static Read read(LadderSpec spec, Path base, List<Map<String, String>> targets) {
    return read(spec, base, targets, List.of());
  }

  /**
   * As {@link #read(LadderSpec, Path, List)}, leaving out the checkpoint rows of sampling runs that
   * lack any of {@code measured}, with a note for each kind: a W&amp;B history export logs training
   * metrics every step and evaluations every few hundred (rows with none of them), and different
   * evaluations at different intervals (rows with some). Every fit then reads complete rows, and a
   * run's final checkpoint is its last complete row. A target's rows all stay (its N and D come
   * from its last one).
   *
   * @param spec the ladder section
   * @param base the folder its paths are relative to (the config's)
   * @param targets one map per target naming its run(s)
   * @param measured the columns predicted from (losses, task scores, task losses)
   * @return the canonical table
   */
  public static Read read(
      LadderSpec spec, Path base, List<Map<String, String>> targets, Collection<String> measured) {
    return read(parse(spec, base), targets, measured);
  }

  /**
   * A ladder's files read, pivoted, joined with its runs table, its columns derived and its roles
   * computed: everything that does not depend on which columns are predicted, so that one parse
   * serves every read of them ({@code QuantityParts} reads a ladder once per quantity).
   */
  public static final class Parsed {
    private final LadderSpec spec;
    private final Path source;
    private final Rows rows;
    private final Canonical roles;
    private final List<String> notes;

    private Parsed(LadderSpec spec, Path source, Rows rows, Canonical roles, List<String> notes) {
      this.spec = spec;
      this.source = source;
      this.rows = rows;
      this.roles = roles;
      this.notes = List.copyOf(notes);
    }
  }

  /**
   * @param spec the ladder section
   * @param base the folder its paths are relative to (the config's)
   * @return the ladder parsed, for {@link #read(Parsed, List, Collection)}
   * @throws InputException naming the file, row and column of the first bad cell or missing column
   */
  public static Parsed parse(LadderSpec spec, Path base) {
    Path source = base.resolve(spec.checkpoints());
    LadderSpec.RoleColumns cols = spec.columns();
    String runCol = or(cols.run(), Columns.RUN_ID);
    String key = or(spec.runsKey(), runCol);
    RawTable runs = spec.runs() == null ? null : RawTable.read(base.resolve(spec.runs()));
    Set<String> listed = runs == null ? null : runIds(runs, key, spec.runsKey() != null);
    Set<String> skipped = new LinkedHashSet<>();
    List<String> notes = new ArrayList<>();
    // A file is skipped unread only when the runs table lists run ids, not sizes.
    List<RawTable> files =
        checkpointFiles(
            source, runCol, key.equals(runCol) ? listed : null, skipped, spec.filePattern(), notes);
    if (spec.pivot() != null) {
      files = files.stream().map(f -> pivot(f, runCol, spec)).toList();
    }
    Rows rows =
        derive(
            join(files, source, runCol, key, runs, skipped, notes, spec.pattern() != null),
            spec.derive(),
            notes);
    return new Parsed(spec, source, rows, roles(rows, spec), notes);
  }

  /**
   * As {@link #read(LadderSpec, Path, List, Collection)}, from a ladder already parsed.
   *
   * @param parsed the ladder
   * @param targets one map per target naming its run(s)
   * @param measured the columns predicted from
   * @return the canonical table
   */
  public static Read read(
      Parsed parsed, List<Map<String, String>> targets, Collection<String> measured) {
    return finish(
        parsed.roles,
        parsed.rows,
        targets,
        parsed.spec,
        parsed.source,
        measured,
        new ArrayList<>(parsed.notes));
  }

  private static String or(String a, String b) {
    return a != null ? a : b;
  }

  /**
   * @param runCol the column the runs table is joined on
   * @param byKey whether that is {@code runs_key:}'s column rather than the run role's
   */
  private static Set<String> runIds(RawTable runs, String runCol, boolean byKey) {
    int ri = runs.index(runCol);
    if (ri < 0 && byKey) {
      throw missing(runs.file(), "runs_key", runCol, runs.header());
    }
    if (ri < 0) {
      // A new user's runs table headed 'run' beside a folder (fourteenth session): the README
      // said "joined on the run column" and the error did not say which name that is.
      throw new InputException(
          missing(runs.file(), "run", runCol, runs.header()).getMessage()
              + "; the runs table is joined on the run role's column: head it '"
              + runCol
              + "' or map the role (ladder: columns: {run: NAME})");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (int r = 0; r < runs.rows().size(); r++) {
      String id = runs.rows().get(r)[ri];
      if (id == null) {
        throw new InputException(runs.where(r) + ", column '" + runCol + "': empty run id");
      }
      if (!ids.add(id)) {
        throw new InputException(
            runs.where(r) + ": run '" + id + "' is listed twice in the runs table");
      }
    }
    return ids;
  }

  /**
   * The checkpoint files; in a folder each file's run id is its name without the extension, and a
   * file of a run the runs table does not list is not read past its header (a published ladder's
   * folder holds many runs a prediction leaves out).
   */
  private static List<RawTable> checkpointFiles(
      Path source,
      String runCol,
      Set<String> listed,
      Set<String> skipped,
      Pattern pattern,
      List<String> notes) {
    if (!Files.exists(source)) {
      throw new InputException(
          source + ": no such checkpoints file or folder (ladder.checkpoints)");
    }
    if (pattern != null && !Files.isDirectory(source)) {
      throw new InputException(
          "ladder: pattern: reads file names in a folder, and " + source + " is one file");
    }
    if (!Files.isDirectory(source)) {
      RawTable t = RawTable.read(source);
      if (t.index(runCol) < 0) {
        throw missing(t.file(), "run", runCol, t.header());
      }
      return List.of(t);
    }
    List<Path> paths;
    try (Stream<Path> s = Files.list(source)) {
      paths =
          s.filter(Files::isRegularFile)
              .filter(p -> stem(p) != null)
              .sorted(Comparator.comparing(Path::toString))
              .toList();
    } catch (IOException e) {
      throw new InputException(source + ": cannot list (" + CsvTables.oneLine(e) + ")", e);
    }
    if (paths.isEmpty()) {
      throw new InputException(source + ": no .csv, .jsonl or .json files in the folder");
    }
    List<RawTable> out = new ArrayList<>();
    List<String> unmatched = new ArrayList<>();
    for (Path p : paths) {
      Map<String, String> named = fromName(p, pattern);
      if (named == null) {
        unmatched.add(p.getFileName().toString());
        continue;
      }
      // (?<run>...), or a group named like the mapped run column (columns: {run: model} with
      // (?<model>...) was silently dropped: review of the change), else the whole name.
      String id = named.getOrDefault(RUN_GROUP, named.getOrDefault(runCol, stem(p)));
      if (listed != null && !listed.contains(id) && !RawTable.hasColumn(p, runCol)) {
        skipped.add(id);
        continue;
      }
      RawTable t = RawTable.read(p);
      if (t.index(runCol) >= 0 && (named.containsKey(RUN_GROUP) || named.containsKey(runCol))) {
        throw new InputException(
            p
                + ": the file has its own run column '"
                + runCol
                + "' and ladder: pattern: names the run too; drop the run group from the pattern");
      }
      Map<String, String> added = new LinkedHashMap<>();
      // The run id from the file name: a W&B export per run is named after the run.
      if (t.index(runCol) < 0) {
        added.put(runCol, id);
      }
      named.forEach((k, v) -> added.putIfAbsent(k.equals(RUN_GROUP) ? runCol : k, v));
      out.add(withColumns(t, added));
    }
    if (pattern != null) {
      noteSharedIds(out, runCol, notes);
    }
    if (!unmatched.isEmpty()) {
      if (out.isEmpty() && skipped.isEmpty()) {
        throw new InputException(
            source
                + ": ladder: pattern: '"
                + pattern
                + "' is found in no file name there (names with their extension, e.g. "
                + unmatched.get(0)
                + ")");
      }
      notes.add(
          "left out "
              + unmatched.size()
              + " file(s) of "
              + source
              + " whose names ladder: pattern: is not found in: "
              + listed(unmatched, 3));
    }
    return out;
  }

  /**
   * Notes the run ids that several files give. One file per checkpoint is what {@code pattern:}
   * allows; two runs under one id is what it can hide.
   */
  private static void noteSharedIds(List<RawTable> files, String runCol, List<String> notes) {
    Map<String, List<String>> filesOf = new LinkedHashMap<>();
    for (RawTable t : files) {
      int ri = t.index(runCol);
      t.rows().stream()
          .map(r -> r[ri])
          .distinct()
          .forEach(
              id ->
                  filesOf
                      .computeIfAbsent(id, k -> new ArrayList<>())
                      .add(t.file().getFileName().toString()));
    }
    filesOf.values().removeIf(f -> f.size() < 2);
    if (!filesOf.isEmpty()) {
      Map.Entry<String, List<String>> first = filesOf.entrySet().iterator().next();
      notes.add(
          filesOf.size()
              + " run(s) read from several files each, as checkpoints ordered by tokens (e.g. "
              + first.getKey()
              + ": "
              + listed(first.getValue(), 3)
              + "); if they are different runs, give ladder: pattern:'s run group what tells"
              + " them apart");
    }
  }

  /** The named group of {@code pattern:} that gives a file's run id. */
  private static final String RUN_GROUP = "run";

  /**
   * @return the named groups of {@code pattern} found in the file's name, by name; empty without a
   *     pattern; null when the pattern is not found
   */
  private static Map<String, String> fromName(Path p, Pattern pattern) {
    Map<String, String> named = new LinkedHashMap<>();
    if (pattern == null) {
      return named;
    }
    Matcher m = pattern.matcher(p.getFileName().toString());
    if (!m.find()) {
      return null;
    }
    for (String group : LmEvalImport.namedGroups(pattern)) {
      String v;
      try {
        v = m.group(group);
      } catch (IllegalArgumentException e) {
        continue; // "(?<x>" inside a character class or escaped: no group (review of the change)
      }
      if (v != null) {
        named.put(group, v);
      }
    }
    return named;
  }

  /**
   * @return the table with each added column holding its one value in every row; a file's own
   *     column of the same name is an error, since which one a role should read is unclear
   */
  private static RawTable withColumns(RawTable t, Map<String, String> added) {
    if (added.isEmpty()) {
      return t;
    }
    List<String> header = new ArrayList<>(t.header());
    for (String name : added.keySet()) {
      if (header.contains(name)) {
        throw new InputException(
            t.file()
                + ": column '"
                + name
                + "' is in the file and a named group of ladder: pattern: (rename the group)");
      }
      header.add(name);
    }
    List<String[]> rows = new ArrayList<>();
    String[] values = added.values().toArray(String[]::new);
    for (String[] r : t.rows()) {
      String[] w = Arrays.copyOf(r, r.length + values.length);
      System.arraycopy(values, 0, w, r.length, values.length);
      rows.add(w);
    }
    return new RawTable(t.file(), header, rows);
  }

  /**
   * @param p a file
   * @return its name without a {@code .csv}, {@code .jsonl} or {@code .json} extension, or null for
   *     other files
   */
  static String stem(Path p) {
    String n = p.getFileName().toString();
    for (String ext : List.of(".csv", ".jsonl", ".json")) {
      if (n.toLowerCase(Locale.ROOT).endsWith(ext)) {
        return n.substring(0, n.length() - ext.length());
      }
    }
    return null;
  }

  /** One row per run and step: the task column's values become columns holding the value column. */
  private static RawTable pivot(RawTable t, String runCol, LadderSpec spec) {
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
      String key = row[ri] + "\u0000" + (si < 0 ? "" : row[si]);
      byKey.computeIfAbsent(key, k -> row);
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
   * Every checkpoint row with its cells by column name and where it came from.
   *
   * @param header union of the columns, in first-seen order
   * @param cells per row, cells aligned with {@code header}
   * @param file per row, its file
   * @param fileRow per row, its 0-based data row in that file
   * @param fileHas per row, whether its file (or the runs table) has each column
   */
  private record Rows(
      List<String> header,
      List<String[]> cells,
      List<RawTable> file,
      int[] fileRow,
      List<boolean[]> fileHas) {
    int col(String name) {
      return header.indexOf(name);
    }
  }

  private static Rows join(
      List<RawTable> files,
      Path source,
      String runCol,
      String key,
      RawTable runs,
      Set<String> skipped,
      List<String> notes,
      boolean idsFromPattern) {
    Map<String, String[]> runRows = new LinkedHashMap<>();
    if (runs != null) {
      int ri = runs.index(key);
      for (String[] r : runs.rows()) {
        runRows.put(r[ri], r);
      }
    }
    LinkedHashSet<String> names = new LinkedHashSet<>();
    files.forEach(f -> names.addAll(f.header()));
    if (runs != null) {
      names.addAll(runs.header());
    }
    List<String> header = List.copyOf(names);
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      at.put(header.get(i), i);
    }
    List<String[]> cells = new ArrayList<>();
    List<RawTable> from = new ArrayList<>();
    List<Integer> fileRows = new ArrayList<>();
    List<boolean[]> has = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    Set<String> dropped = new LinkedHashSet<>(skipped);
    Set<String> conflicts = new LinkedHashSet<>();
    for (RawTable f : files) {
      int[] map = f.header().stream().mapToInt(at::get).toArray();
      int ri = f.index(runCol);
      int ki = f.index(key);
      if (runs != null && ki < 0) {
        throw missing(f.file(), "runs_key", key, f.header());
      }
      int[] runMap = runs == null ? null : runs.header().stream().mapToInt(at::get).toArray();
      for (int r = 0; r < f.rows().size(); r++) {
        String[] src = f.rows().get(r);
        String id = src[ri];
        if (id == null) {
          throw new InputException(f.where(r) + ", column '" + runCol + "': empty run id");
        }
        String[] extra = null;
        if (runs != null) {
          extra = runRows.get(src[ki]);
          if (extra == null) {
            dropped.add(id);
            continue;
          }
          seen.add(src[ki]);
        }
        String[] row = new String[header.size()];
        boolean[] h = new boolean[header.size()];
        for (int k = 0; k < map.length; k++) {
          row[map[k]] = src[k];
          h[map[k]] = true;
        }
        if (extra != null) {
          for (int k = 0; k < runMap.length; k++) {
            if (row[runMap[k]] == null) {
              row[runMap[k]] = extra[k];
            } else if (extra[k] != null && !extra[k].equals(row[runMap[k]])) {
              conflicts.add(header.get(runMap[k]));
            }
            h[runMap[k]] = true;
          }
        }
        cells.add(row);
        from.add(f);
        fileRows.add(r);
        has.add(h);
      }
    }
    if (runs != null) {
      List<String> without = runRows.keySet().stream().filter(id -> !seen.contains(id)).toList();
      if (!without.isEmpty()) {
        throw new InputException(
            runs.file()
                + ": no checkpoints in "
                + source
                + " for "
                + (!key.equals(runCol)
                    ? key + " " // runs_key: the table lists sizes, not runs
                    : without.size() > 1 ? without.size() + " runs: " : "run ")
                + listed(without)
                + " (list only the ladder's runs in the runs table"
                + (!idsFromPattern
                    ? ")"
                    : "; its ids must be those ladder: pattern: gives, its run group's or the"
                        + " file name)"));
      }
      if (!dropped.isEmpty()) {
        notes.add(
            "left out "
                + dropped.size()
                + " run(s) of "
                + source
                + " that "
                + runs.file()
                + " does not list: "
                // Three: DCLM's 145 left-out files have ids of 150 characters (new user).
                + listed(dropped, 3));
      }
      if (!conflicts.isEmpty()) {
        // The runs table's D=999 beside a file name's tokens= was dropped in silence (new user).
        notes.add(
            "column(s) "
                + listed(conflicts)
                + " in both the checkpoints (or ladder: pattern:) and "
                + runs.file()
                + ", with other values: the checkpoints' are read, the runs table's only where"
                + " they have none");
      }
    }
    if (cells.isEmpty()) {
      throw new InputException(source + ": no checkpoint rows");
    }
    return new Rows(
        header, cells, from, fileRows.stream().mapToInt(Integer::intValue).toArray(), has);
  }

  /**
   * The rows with each derived column appended: the weighted mean of its columns (or the log of its
   * one column) where a row has them all, else empty.
   */
  private static Rows derive(Rows rows, List<LadderSpec.Derived> derived, List<String> notes) {
    if (derived.isEmpty()) {
      return rows;
    }
    List<String> header = new ArrayList<>(rows.header());
    int[][] sources = new int[derived.size()][];
    for (int d = 0; d < derived.size(); d++) {
      LadderSpec.Derived dv = derived.get(d);
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
                  + "' (columns: "
                  + String.join(", ", rows.header())
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
    return new Rows(header, cells, rows.file(), rows.fileRow(), has);
  }

  /**
   * The columns a derived column is computed from: its list, every column its pattern matches, or
   * the one it takes the log of.
   */
  private static List<String> parts(LadderSpec.Derived d, List<String> header) {
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
  private static String logOf(double v) {
    return v > 0 ? Double.toString(Math.log(v)) : NO_LOG + v;
  }

  /**
   * The start of a derived log's text where its cell had none; a column derived from it keeps it.
   */
  private static final String NO_LOG = "no log of ";

  /** One row's derived value as text, or null when a column it uses is empty. */
  private static String derivedValue(
      String[] row, List<String> header, Rows rows, int r, LadderSpec.Derived d, int[] sources) {
    double sum = 0;
    double weights = 0;
    for (int i = 0; i < sources.length; i++) {
      String cell = row[sources[i]];
      if (absent(cell)) {
        return null;
      }
      if (cell.startsWith(NO_LOG)) {
        return cell; // an earlier log's missing value, an error only where a fit reads it
      }
      double v;
      try {
        v = Double.parseDouble(cell.strip());
      } catch (NumberFormatException e) {
        throw new InputException(
            where(rows, r)
                + ", column '"
                + header.get(sources[i])
                + "' (derive "
                + d.name()
                + "): '"
                + cell
                + "' is not a number");
      }
      if (d.log() != null) {
        return logOf(v);
      }
      sum += d.weight(i) * v;
      weights += d.weight(i);
    }
    return Double.toString(sum / weights);
  }

  /**
   * The role values of every row.
   *
   * @param problem per row, why its roles could not be read (null when they could): a row of a
   *     published table that the ladder's {@code where:} leaves out (another model family without a
   *     token count) must not stop the read, so a role error stops it only for a row kept
   */
  private record Canonical(
      String[] run,
      double[] step,
      double[] tokens,
      double[] nParams,
      double[] flops,
      String[] problem) {}

  private static Canonical roles(Rows rows, LadderSpec spec) {
    LadderSpec.RoleColumns c = spec.columns();
    int n = rows.cells().size();
    String runCol = or(c.run(), Columns.RUN_ID);
    int ri = rows.col(runCol);
    int si = present(rows, c.step(), Columns.STEP, "step");
    int ti = present(rows, c.tokens(), Columns.TOKENS, "tokens");
    int ni = present(rows, c.nParams(), Columns.N_PARAMS, "n_params");
    int fi = present(rows, c.flops(), Columns.FLOPS, "flops");
    int pi = present(rows, c.tokensPerStep(), "tokens_per_step", "tokens_per_step");
    if (ni < 0) {
      throw missing(
          rows.file().get(0).file(), "n_params", or(c.nParams(), Columns.N_PARAMS), rows.header());
    }
    Canonical out =
        new Canonical(
            new String[n],
            new double[n],
            new double[n],
            new double[n],
            new double[n],
            new String[n]);
    Map<String, Integer> position = new HashMap<>();
    for (int r = 0; r < n; r++) {
      String[] row = rows.cells().get(r);
      out.run()[r] = row[ri];
      int pos = position.merge(row[ri], 1, Integer::sum);
      // Roles not read stay NaN (unknown); those read before a failure keep their values, so a
      // condition on them can still leave the row out (a table's 70B row with no token count,
      // outside n_params <= 13e9, stopped the read).
      out.step()[r] = Double.NaN;
      out.tokens()[r] = Double.NaN;
      out.nParams()[r] = Double.NaN;
      out.flops()[r] = Double.NaN;
      try {
        rowRoles(rows, spec, r, pos, new int[] {si, ti, ni, fi, pi}, out);
      } catch (InputException e) {
        out.problem()[r] = e.getMessage();
      }
    }
    orderStepless(rows, si, out);
    return out;
  }

  /**
   * A run whose rows have no step is ordered by its token counts, not by where its rows stand: with
   * {@code pattern:} one file per checkpoint ({@code ...-tokens=35000000000.json}) lists 140e9
   * before 35e9 by name, and the run's final checkpoint was the 35e9 one (review of the change).
   * Rows of a file are in time order, so ordering them by tokens changes nothing there.
   */
  private static void orderStepless(Rows rows, int si, Canonical out) {
    Map<String, List<Integer>> stepless = new LinkedHashMap<>();
    for (int r = 0; r < out.run().length; r++) {
      if (!hasStep(rows, r, si) && Double.isFinite(out.tokens()[r])) {
        stepless.computeIfAbsent(out.run()[r], k -> new ArrayList<>()).add(r);
      }
    }
    for (List<Integer> run : stepless.values()) {
      List<Integer> byTokens = new ArrayList<>(run);
      byTokens.sort(Comparator.comparingDouble(r -> out.tokens()[r]));
      for (int k = 1; k < byTokens.size(); k++) {
        int a = byTokens.get(k - 1);
        int b = byTokens.get(k);
        if (out.tokens()[a] == out.tokens()[b] && rows.file().get(a) != rows.file().get(b)) {
          // Two runs one id: pattern:'s run group left out what tells them apart, and the
          // target's actual value was whichever file sorted last (a new user).
          throw new InputException(
              "run '"
                  + out.run()[a]
                  + "' has two checkpoints at "
                  + out.tokens()[a]
                  + " tokens, from "
                  + rows.file().get(a).file().getFileName()
                  + " and "
                  + rows.file().get(b).file().getFileName()
                  + ": if they are different runs, give them different ids (ladder: pattern:'s"
                  + " run group)");
        }
      }
      List<Double> positions = run.stream().map(r -> out.step()[r]).sorted().toList();
      for (int k = 0; k < byTokens.size(); k++) {
        out.step()[byTokens.get(k)] = positions.get(k);
      }
    }
  }

  /** Whether row {@code r} has a step: its file has the step column ({@code si}) and a cell. */
  private static boolean hasStep(Rows rows, int r, int si) {
    return si >= 0 && rows.fileHas().get(r)[si] && rows.cells().get(r)[si] != null;
  }

  /**
   * Reads row {@code r}'s step, N, D and C into {@code out}.
   *
   * @param at the columns of step, tokens, N, FLOPs and tokens per step (-1: absent)
   */
  private static void rowRoles(
      Rows rows, LadderSpec spec, int r, int pos, int[] at, Canonical out) {
    LadderSpec.RoleColumns c = spec.columns();
    int si = at[0];
    int ti = at[1];
    int ni = at[2];
    int fi = at[3];
    int pi = at[4];
    boolean hasStep = hasStep(rows, r, si);
    // No step in this file or row (a one-row final eval, a released model's results imported
    // without a revision): its position in the run orders it.
    out.step()[r] = hasStep ? number(rows, r, si, "step") : pos;
    out.nParams()[r] = scaled(rows, r, ni, "n_params", spec);
    if (ti >= 0 && rows.fileHas().get(r)[ti]) {
      out.tokens()[r] = scaled(rows, r, ti, "tokens", spec);
    } else {
      double perStep =
          pi >= 0 && rows.fileHas().get(r)[pi]
              ? scaled(rows, r, pi, "tokens_per_step", spec)
              : spec.tokensPerStep() != null ? spec.tokensPerStep() : Double.NaN;
      if (!hasStep || Double.isNaN(perStep)) {
        throw new InputException(
            where(rows, r)
                + ": no tokens: the file has no column '"
                + or(c.tokens(), Columns.TOKENS)
                + "' (role tokens)"
                + (hasStep ? "" : " nor a step")
                + "; map columns.tokens to one of its columns ("
                + String.join(", ", rows.file().get(r).header())
                + ") or give tokens_per_step with columns.step");
      }
      out.tokens()[r] = out.step()[r] * perStep;
    }
    // C = 6 N D: the compute the sweep's own flops column counts (Kaplan et al. 2020).
    out.flops()[r] =
        fi >= 0 && rows.fileHas().get(r)[fi]
            ? scaled(rows, r, fi, "flops", spec)
            : 6 * out.nParams()[r] * out.tokens()[r];
  }

  /**
   * @return the column's index; -1 when the role is not mapped and the canonical name is absent
   * @throws InputException when a mapped column is in no file
   */
  private static int present(Rows rows, String mapped, String canonical, String role) {
    if (mapped == null) {
      return rows.col(canonical);
    }
    int i = rows.col(mapped);
    if (i < 0) {
      throw missing(rows.file().get(0).file(), role, mapped, rows.header());
    }
    return i;
  }

  /**
   * A size with a suffix compared with a column that units: scale: "Size (B) <= 4B" compares the
   * column as written, 4 with 4e9, and keeps every model (a new user's trap).
   */
  private static void checkUnitTrap(Comparison w, LadderSpec spec) {
    LadderSpec.RoleColumns c = spec.columns();
    Map<String, String> mapped = new HashMap<>();
    mapped.put("n_params", c.nParams());
    mapped.put("tokens", c.tokens());
    mapped.put("flops", c.flops());
    mapped.put("tokens_per_step", c.tokensPerStep());
    String v = w.value().strip();
    if (roleIndex(w.column()) >= 0) {
      return; // a column under a role's own name is the scaled role in where:
    }
    for (Map.Entry<String, String> e : mapped.entrySet()) {
      if (w.column().equals(e.getValue()) && spec.unit(e.getKey()) != 1 && SizeNumber.suffixed(v)) {
        throw new InputException(
            "ladder where '"
                + w
                + "': column '"
                + w.column()
                + "' is compared as written (units: scales role "
                + e.getKey()
                + ", not the column): compare the role, '"
                + e.getKey()
                + " "
                + w.op().symbol()
                + " "
                + v
                + "', or the column with a plain number");
      }
    }
  }

  /** A role's number times its unit; a size suffix with a unit would count the unit twice. */
  private static double scaled(Rows rows, int r, int col, String role, LadderSpec spec) {
    double v = number(rows, r, col, role);
    double unit = spec.unit(role);
    String cell = rows.cells().get(r)[col].strip();
    if (unit != 1 && SizeNumber.suffixed(cell)) {
      throw new InputException(
          where(rows, r)
              + ", column '"
              + rows.header().get(col)
              + "' (role "
              + role
              + "): '"
              + cell
              + "' has a size suffix and units: scales "
              + role
              + " by "
              + unit
              + ": give one or the other");
    }
    return v * unit;
  }

  private static String where(Rows rows, int r) {
    return rows.file().get(r).where(rows.fileRow()[r]);
  }

  private static double number(Rows rows, int r, int col, String role) {
    String cell = rows.cells().get(r)[col];
    String at = where(rows, r) + ", column '" + rows.header().get(col) + "' (role " + role + ")";
    if (cell == null) {
      throw new InputException(at + ": empty");
    }
    Double v = SizeNumber.parse(cell);
    if (v == null) {
      throw new InputException(
          at + ": '" + cell + "' is not a number (e.g. 1.3e9, or 1.3B with K, M, B or T)");
    }
    return v;
  }

  private static InputException missing(Path file, String role, String column, List<String> has) {
    return new InputException(
        file
            + ": no column '"
            + column
            + "' for role "
            + role
            + " (columns: "
            + String.join(", ", has)
            + ")");
  }

  private static Read finish(
      Canonical c,
      Rows rows,
      List<Map<String, String>> targets,
      LadderSpec spec,
      Path source,
      Collection<String> measured,
      List<String> notes) {
    int n = c.run().length;
    // Targets: every run one of the targets names.
    Set<String> targetRuns = new LinkedHashSet<>();
    for (Map<String, String> t : targets) {
      List<Comparison> conds =
          t.entrySet().stream()
              .map(e -> new Comparison(e.getKey(), Comparison.Op.EQ, e.getValue()))
              .toList();
      // As the ladder's where: says (a misspelt key said only "matches no run": a new user).
      conds.forEach(k -> requireColumn(rows, k, "target where " + t));
      boolean onRoles = conds.stream().anyMatch(k -> roleIndex(k.column()) > 0);
      Set<String> hit = new LinkedHashSet<>();
      for (int r = 0; r < n; r++) {
        final int row = r;
        if (c.problem()[r] != null && onRoles && !leftOutWithoutRoles(conds, c, rows, r)) {
          // Its roles are unknown, so whether it is the target is too: its own error says why.
          throw new InputException(c.problem()[r]);
        }
        if (conds.stream().allMatch(k -> k.test(cell(c, rows, row, k.column())))) {
          hit.add(c.run()[r]);
        }
      }
      if (hit.isEmpty()) {
        throw new InputException(
            "target where "
                + t
                + " matches no run of "
                + source
                + " (runs: "
                + listed(new LinkedHashSet<>(Arrays.asList(c.run())))
                + ")");
      }
      if (hit.size() > 1) {
        throw new InputException(
            "target where "
                + t
                + " matches "
                + hit.size()
                + " runs of "
                + source
                + " ("
                + listed(hit)
                + "): name one, e.g. {run: "
                + hit.iterator().next()
                + "}");
      }
      targetRuns.addAll(hit);
    }
    List<Comparison> where = spec.where().stream().map(Comparison::parse).toList();
    for (Comparison w : where) {
      requireColumn(rows, w, "ladder where '" + w + "'");
    }
    where.forEach(w -> checkUnitTrap(w, spec));
    List<String> valued = measured.stream().filter(m -> rows.col(m) >= 0).distinct().toList();
    List<Integer> keep = new ArrayList<>();
    int empty = 0;
    Map<String, Integer> partial = new LinkedHashMap<>(); // column -> rows left out without it
    int partialRows = 0;
    int untrained = 0;
    int passing = 0; // sampling rows that where: keeps
    // condition -> how many rows it left out because their cell was no number, and the first
    Map<String, Integer> unreadable = new LinkedHashMap<>();
    Map<String, String> firstUnreadable = new LinkedHashMap<>();
    for (int r = 0; r < n; r++) {
      final int row = r;
      if (c.problem()[r] != null) {
        if (targetRuns.contains(c.run()[r]) || !leftOutWithoutRoles(where, c, rows, r)) {
          throw new InputException(c.problem()[r]);
        }
        continue; // left out by where on its other columns: its roles do not matter
      }
      boolean wanted = where.stream().allMatch(w -> w.test(cell(c, rows, row, w.column())));
      if (!targetRuns.contains(c.run()[r])) {
        if (wanted) {
          passing++;
        } else {
          noteUnreadable(where, c, rows, r, unreadable, firstUnreadable);
        }
      }
      if (targetRuns.contains(c.run()[r])) {
        keep.add(r);
      } else if (!(c.tokens()[r] > 0)) {
        untrained++;
      } else if (wanted) {
        List<String> gaps = valued.stream().filter(m -> absent(cell(c, rows, row, m))).toList();
        if (gaps.isEmpty()) {
          keep.add(r);
        } else if (gaps.size() == valued.size()) {
          empty++;
        } else {
          partialRows++;
          gaps.forEach(m -> partial.merge(m, 1, Integer::sum));
        }
      }
    }
    unreadable.forEach(
        (w, count) ->
            notes.add(
                "where '"
                    + w
                    + "' left out "
                    + count
                    + " row(s) whose cell is no number (first: "
                    + firstUnreadable.get(w)
                    + "); an ordering compares numbers only"));
    if (passing == 0 && !where.isEmpty()) {
      // Every method then said "only 0 points to fit", exit 0.
      throw new InputException(
          "ladder where "
              + spec.where()
              + " leaves no sampling run of "
              + source
              + " (runs: "
              + listed(new LinkedHashSet<>(Arrays.asList(c.run())))
              + ")");
    }
    if (untrained > 0) {
      // An evaluation at step 0 (D = 0) is no point of a law in D; a ladder of released models
      // imported without steps and given tokens_per_step instead of a tokens column got D = 0 on
      // every row, and every method failed without saying why.
      notes.add(
          "left out "
              + untrained
              + " checkpoint row(s) of "
              + source
              + " with no training tokens (D = 0, e.g. an evaluation at step 0)");
    }
    if (empty > 0) {
      notes.add(
          "left out "
              + empty
              + " checkpoint row(s) of "
              + source
              + " with none of the predicted columns (e.g. training-only rows of a W&B export)");
    }
    if (partialRows > 0) {
      notes.add(
          partialRows
              + " checkpoint row(s) of "
              + source
              + " have some of the predicted columns empty ("
              + partial.entrySet().stream()
                  .map(e -> e.getKey() + ": " + e.getValue())
                  .collect(java.util.stream.Collectors.joining(", "))
              + "): each quantity is predicted from the rows that have its own columns (the mean"
              + " error from those that have them all), and a run's final checkpoint for it is its"
              + " last such row");
    }
    Set<String> before = new LinkedHashSet<>(Arrays.asList(c.run()));
    // Rows by run (first-seen order), then step.
    Map<String, Integer> runOrder = new HashMap<>();
    for (String id : c.run()) {
      runOrder.putIfAbsent(id, runOrder.size());
    }
    keep.sort(
        Comparator.<Integer>comparingInt(r -> runOrder.get(c.run()[r]))
            .thenComparingDouble(r -> c.step()[r]));
    Map<String, Integer> lastOf = new HashMap<>();
    keep.forEach(r -> lastOf.put(c.run()[r], r));
    for (String target : targetRuns) {
      int r = lastOf.get(target);
      if (!(c.tokens()[r] > 0)) {
        throw new InputException(
            where(rows, r)
                + ": target run '"
                + target
                + "' has D = "
                + c.tokens()[r]
                + " training tokens at its last checkpoint; map columns.tokens (or give steps"
                + " with tokens_per_step)");
      }
    }
    insideTheLadder(c, targetRuns, lastOf, notes);
    Set<String> after = new LinkedHashSet<>();
    keep.forEach(r -> after.add(c.run()[r]));
    before.removeAll(after);
    if (!before.isEmpty()) {
      List<String> causes = new ArrayList<>();
      if (!spec.where().isEmpty()) {
        causes.add("where " + spec.where());
      }
      if (untrained > 0) {
        causes.add("D = 0");
      }
      if (empty + partialRows > 0) {
        causes.add("the predicted columns");
      }
      boolean plural = causes.size() != 1 || causes.get(0).endsWith("columns");
      String by = String.join(" and ", causes) + (plural ? " leave" : " leaves");
      notes.add(
          by
              + (partialRows > 0 ? " no complete checkpoint of: " : " no checkpoint of: ")
              + listed(before, 4)
              + (partialRows > 0 ? " (a run's rows still serve the quantities they have)" : ""));
    }
    double largest = keep.stream().mapToDouble(r -> c.nParams()[r]).max().orElse(Double.NaN);
    if (largest < 1e4 && spec.unit("n_params") == 1) {
      // A table in billions read without units: predicts alike (the laws are in log scale) but
      // prints N = 7.000 and plans nothing sensible.
      notes.add(
          String.format(Locale.ROOT, "the largest N is %.4g", largest)
              + " parameters: if the column counts millions or billions, give units: {n_params:"
              + " 1e6 or 1e9}");
    }
    int m = keep.size();
    StringColumn run = StringColumn.create(Columns.RUN_ID);
    DoubleColumn step = DoubleColumn.create(Columns.STEP, m);
    DoubleColumn tokens = DoubleColumn.create(Columns.TOKENS, m);
    DoubleColumn nParams = DoubleColumn.create(Columns.N_PARAMS, m);
    DoubleColumn flops = DoubleColumn.create(Columns.FLOPS, m);
    StringColumn role = StringColumn.create(Columns.ROLE);
    BooleanColumn last = BooleanColumn.create(Columns.IS_FINAL, m);
    for (int i = 0; i < m; i++) {
      int r = keep.get(i);
      run.append(c.run()[r]);
      step.set(i, c.step()[r]);
      tokens.set(i, c.tokens()[r]);
      nParams.set(i, c.nParams()[r]);
      flops.set(i, c.flops()[r]);
      role.append(targetRuns.contains(c.run()[r]) ? Role.TARGET.key() : Role.SAMPLING.key());
      last.set(i, i == m - 1 || !c.run()[keep.get(i + 1)].equals(c.run()[r]));
    }
    Table t = Table.create(source.toString(), run, step, tokens, nParams, flops, role, last);
    for (int k = 0; k < rows.header().size(); k++) {
      String name = rows.header().get(k);
      if (CANONICAL.contains(name)) {
        continue;
      }
      t.addColumns(userColumn(name, k, rows, keep));
    }
    return new Read(t, notes, partialRows > 0);
  }

  /** A user column as doubles when every non-empty cell is a number, else as text. */
  private static tech.tablesaw.columns.Column<?> userColumn(
      String name, int k, Rows rows, List<Integer> keep) {
    double[] v = new double[keep.size()];
    boolean numeric = true;
    for (int i = 0; i < keep.size() && numeric; i++) {
      String cell = rows.cells().get(keep.get(i))[k];
      if (absent(cell)) {
        v[i] = Double.NaN;
        continue;
      }
      try {
        v[i] = Double.parseDouble(cell.strip());
      } catch (NumberFormatException e) {
        numeric = false;
      }
    }
    if (numeric) {
      return DoubleColumn.create(name, v);
    }
    StringColumn s = StringColumn.create(name);
    keep.forEach(r -> s.append(rows.cells().get(r)[k] == null ? "" : rows.cells().get(r)[k]));
    return s;
  }

  /** Whether a cell holds no value: empty, or NaN in any spelling (a missing value). */
  private static boolean absent(String cell) {
    return cell == null || isNan(cell);
  }

  private static boolean isNan(String cell) {
    String w = cell.strip().toLowerCase(Locale.ROOT);
    return w.equals("nan") || w.equals("none") || w.equals("null");
  }

  /** Fails naming the condition when its column is neither a role nor a column of the table. */
  private static void requireColumn(Rows rows, Comparison c, String what) {
    if (cellColumn(rows, c.column()) == null) {
      throw new InputException(
          what
              + ": no column '"
              + c.column()
              + "' (roles: run, step, tokens, n_params, flops; columns: "
              + String.join(", ", rows.header())
              + ")");
    }
  }

  /** A role's or user column's name, or null when neither. */
  private static String cellColumn(Rows rows, String name) {
    return roleIndex(name) >= 0 || rows.col(name) >= 0 ? name : null;
  }

  private static int roleIndex(String name) {
    return switch (name) {
      case "run", Columns.RUN_ID -> 0;
      case Columns.STEP -> 1;
      case Columns.TOKENS -> 2;
      case Columns.N_PARAMS -> 3;
      case Columns.FLOPS -> 4;
      default -> -1;
    };
  }

  /**
   * Notes a target with no more compute than a sampling run: it is predicted between the runs, not
   * beyond them, and it is no sampling run itself (a new user pointed a target at OPT 2.7B, a
   * ladder run, and the other targets' predictions changed without a word).
   */
  private static void insideTheLadder(
      Canonical c, Set<String> targetRuns, Map<String, Integer> lastOf, List<String> notes) {
    String largest = null;
    for (Map.Entry<String, Integer> e : lastOf.entrySet()) {
      if (!targetRuns.contains(e.getKey())
          && (largest == null || c.flops()[e.getValue()] > c.flops()[lastOf.get(largest)])) {
        largest = e.getKey();
      }
    }
    if (largest == null) {
      return;
    }
    double most = c.flops()[lastOf.get(largest)];
    for (String t : targetRuns) {
      if (c.flops()[lastOf.get(t)] <= most) {
        notes.add(
            String.format(
                Locale.ROOT,
                "target run '%s' (C = %.3g) has no more compute than sampling run '%s' (C = %.3g):"
                    + " it is predicted within the ladder, and is not a sampling run for any"
                    + " target",
                t,
                c.flops()[lastOf.get(t)],
                largest,
                most));
      }
    }
  }

  /**
   * For a row whose roles could not be read: whether a condition on a column it has (the run or one
   * of the user's) leaves it out. Conditions on its roles cannot: their values are unknown, and a
   * stand-in (NaN fails every comparison) would drop the row, and its error, in silence.
   */
  private static boolean leftOutWithoutRoles(
      List<Comparison> conds, Canonical c, Rows rows, int r) {
    return conds.stream()
        .anyMatch(k -> known(c, r, k.column()) && !k.test(cell(c, rows, r, k.column())));
  }

  /** Whether a row's value of a role (or any user column) was read. */
  private static boolean known(Canonical c, int r, String name) {
    return switch (roleIndex(name)) {
      case 1 -> !Double.isNaN(c.step()[r]);
      case 2 -> !Double.isNaN(c.tokens()[r]);
      case 3 -> !Double.isNaN(c.nParams()[r]);
      case 4 -> !Double.isNaN(c.flops()[r]);
      default -> true;
    };
  }

  /**
   * @return the names, the first ten and a count of the rest when there are more than a dozen (a
   *     published table of a hundred models filtered to one family)
   */
  private static String listed(Collection<String> names) {
    return listed(names, 10);
  }

  /**
   * @return the names, or the first {@code limit} and a count of the rest when more are left
   */
  private static String listed(Collection<String> names, int limit) {
    if (names.size() <= limit + 2) {
      return String.join(", ", names);
    }
    return String.join(", ", names.stream().limit(limit).toList())
        + " and "
        + (names.size() - limit)
        + " more";
  }

  /**
   * Counts a row an ordering condition left out because its cell was no number (a derived log's "no
   * log of 0.0", a "1.3 B" with a space): {@link Comparison#test} takes it as false, which left it
   * out in silence (a review of the tenth session's change).
   */
  private static void noteUnreadable(
      List<Comparison> where,
      Canonical c,
      Rows rows,
      int r,
      Map<String, Integer> counts,
      Map<String, String> first) {
    for (Comparison w : where) {
      String cell = cell(c, rows, r, w.column());
      if (w.unreadable(cell)) {
        counts.merge(w.toString(), 1, Integer::sum);
        first.putIfAbsent(w.toString(), "'" + cell + "' in run " + c.run()[r]);
      }
    }
  }

  /** A row's value of a role (by role name) or of a user column, as text. */
  private static String cell(Canonical c, Rows rows, int r, String name) {
    return switch (roleIndex(name)) {
      case 0 -> c.run()[r];
      case 1 -> Double.toString(c.step()[r]);
      case 2 -> Double.toString(c.tokens()[r]);
      case 3 -> Double.toString(c.nParams()[r]);
      case 4 -> Double.toString(c.flops()[r]);
      default -> {
        int k = rows.col(name);
        yield k < 0 ? null : rows.cells().get(r)[k];
      }
    };
  }
}
