package org.scalecast.results.ladder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import tech.tablesaw.api.Table;

/**
 * What a ladder was read as, one line per run: its id, role, N, and D and C at its final
 * checkpoint. A new user writing {@code pattern:} had no way to see the ids it produced, other than
 * the three a note names (fourteenth session).
 *
 * @param run the run id
 * @param role sampling or target
 * @param nParams N
 * @param tokens D at its final checkpoint
 * @param flops C at its final checkpoint
 * @param checkpoints how many rows the run has
 */
public record LadderRuns(
    String run, String role, double nParams, double tokens, double flops, int checkpoints) {

  /**
   * @param t a ladder's canonical table ({@link Ladder.Read#table()})
   * @return one entry per run, ordered by C then id
   */
  public static List<LadderRuns> of(Table t) {
    Map<String, int[]> rows = new LinkedHashMap<>(); // run -> {final row, count}
    for (int r = 0; r < t.rowCount(); r++) {
      String id = t.stringColumn(Columns.RUN_ID).get(r);
      int[] v = rows.computeIfAbsent(id, k -> new int[] {-1, 0});
      v[1]++;
      if (v[0] < 0 || !CsvTables.flag(t, Columns.IS_FINAL, v[0])) {
        v[0] = r; // its final row, or its last until one is
      }
    }
    List<LadderRuns> out = new ArrayList<>();
    rows.forEach(
        (id, v) -> {
          int r = v[0];
          out.add(
              new LadderRuns(
                  id,
                  t.stringColumn(Columns.ROLE).get(r),
                  CsvTables.number(t, Columns.N_PARAMS, r),
                  CsvTables.number(t, Columns.TOKENS, r),
                  CsvTables.number(t, Columns.FLOPS, r),
                  v[1]));
        });
    out.sort(Comparator.comparingDouble(LadderRuns::flops).thenComparing(LadderRuns::run));
    return out;
  }
}
