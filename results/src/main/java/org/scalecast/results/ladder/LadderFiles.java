package org.scalecast.results.ladder;

import static org.scalecast.results.ladder.LadderText.listed;
import static org.scalecast.results.ladder.LadderText.missing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;

/**
 * The ladder's first stage ({@link Ladder}): the runs table's ids and the checkpoint files, one
 * file or a folder of per-run files whose names (and {@code pattern:}'s named groups) give run ids
 * and columns.
 */
final class LadderFiles {
  private LadderFiles() {}

  /**
   * @param runCol the column the runs table is joined on
   * @param byKey whether that is {@code runs_key:}'s column rather than the run role's
   */
  static Set<String> runIds(RawTable runs, String runCol, boolean byKey) {
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
  static List<RawTable> checkpointFiles(
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
  static void noteSharedIds(List<RawTable> files, String runCol, List<String> notes) {
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
  static Map<String, String> fromName(Path p, Pattern pattern) {
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
  static RawTable withColumns(RawTable t, Map<String, String> added) {
    if (added.isEmpty()) {
      return t;
    }
    List<String> header = new ArrayList<>(t.header());
    for (String name : added.keySet()) {
      String own = header.stream().filter(name::equalsIgnoreCase).findFirst().orElse(null);
      if (own != null && own.equals(name)) {
        throw new InputException(
            t.file()
                + ": column '"
                + name
                + "' is in the file and a named group of ladder: pattern: (rename the group)");
      }
      if (own != null) {
        // A file headed 'Run_ID' beside the run id taken from its name was blamed on a pattern
        // the config did not have (a review, twenty-fourth session).
        throw new InputException(
            t.file()
                + ": the file's column '"
                + own
                + "' and the column '"
                + name
                + "' the ladder adds (the run id from the file's name, or a group of ladder:"
                + " pattern:) differ only in case, and column names are compared ignoring case; map"
                + " the file's column under ladder: columns:, or rename it");
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
    return new RawTable(t.file(), header, rows, t.sourceRows());
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
}
