package org.scalecast.results.ladder;

import static org.scalecast.results.ladder.LadderText.listed;
import static org.scalecast.results.ladder.LadderText.missing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scalecast.results.InputException;

/**
 * The checkpoint rows joined with the runs table on the run column or {@code runs_key:} ({@link
 * Ladder}): only the runs it lists are kept, and its columns fill the rows' empty cells.
 */
final class RunsJoin {
  private RunsJoin() {}

  static LadderRows join(
      List<RawTable> files,
      Path source,
      String runCol,
      String key,
      RawTable runs,
      Set<String> skipped,
      List<String> notes,
      boolean idsFromPattern) {
    Map<String, String[]> runRows = new LinkedHashMap<>();
    Map<String, Integer> runIndex = new HashMap<>();
    if (runs != null) {
      if (runs.rows().isEmpty()) {
        // Its header alone left every run out, and the error blamed the checkpoints (a bad-input
        // hunt, twentieth session).
        throw new InputException(
            runs.file() + ": no rows (the runs table lists the ladder's runs, one per row)");
      }
      int ri = runs.index(key);
      for (int i = 0; i < runs.rows().size(); i++) {
        String[] r = runs.rows().get(i);
        runRows.put(r[ri], r);
        runIndex.put(r[ri], i);
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
    List<Integer> runsRows = new ArrayList<>();
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
        runsRows.add(extra == null ? -1 : runIndex.get(src[ki]));
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
                    ? ""
                    : "; its ids must be those ladder: pattern: gives, its run group's or the"
                        + " file name")
                // A runs table keyed by Hugging Face ids (EleutherAI/pythia-160m) beside imported
                // run ids (pythia-160m): which ids the ladder has (a new user's import).
                + (!key.equals(runCol) || seen.isEmpty() && dropped.isEmpty()
                    ? ""
                    : "; the ladder's runs closest to '"
                        + without.get(0)
                        + "': "
                        + String.join(
                            ", ",
                            org.scalecast.results.Closest.to(
                                without.get(0),
                                java.util.stream.Stream.concat(seen.stream(), dropped.stream())
                                    .toList(),
                                3)))
                + ")");
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
    return new LadderRows(
        header,
        cells,
        from,
        fileRows.stream().mapToInt(Integer::intValue).toArray(),
        has,
        dropped,
        runs,
        runsRows.stream().mapToInt(Integer::intValue).toArray());
  }
}
