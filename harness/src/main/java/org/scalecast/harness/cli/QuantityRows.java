package org.scalecast.harness.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalecast.fit.flp.QuantityParts;
import org.scalecast.results.Role;
import org.scalecast.results.ladder.LadderRuns;

/**
 * What {@code results ladder} adds when the ladder's rows are incomplete: per quantity, the rows
 * {@code predict} reads for it, which can be more than the listing's (the checkpoints with every
 * predicted column). A new user's lm-evaluation-harness import (twenty-third session) had a run
 * whose listed D was a checkpoint before the one most of its tasks were predicted from, and nothing
 * said so.
 *
 * @param quantity the quantity (a loss, or a task's score with its loss)
 * @param sampling sampling runs it has
 * @param targets target runs it has
 * @param checkpoints its rows
 * @param moved the runs whose last checkpoint there is not the one listed, as "id: D listed -> D
 *     here"
 * @param unlisted the runs it reads that the listing leaves out (no complete checkpoint): a new
 *     user's GPT-3 table read "gpt3-small: D (run not listed) -> 3.00000e+11" on every line
 */
record QuantityRows(
    String quantity,
    int sampling,
    int targets,
    int checkpoints,
    List<String> moved,
    List<String> unlisted) {

  /** How many moved runs a line names before "and N more". */
  static final int NAMED = 3;

  /**
   * @param listed the runs as listed
   * @param slices each quantity's part of the ladder ({@link Inputs#slices()})
   * @return one entry per quantity, in the config's order
   */
  static List<QuantityRows> of(List<LadderRuns> listed, List<QuantityParts.Slice> slices) {
    Map<String, LadderRuns> byId = new HashMap<>();
    listed.forEach(r -> byId.put(r.run(), r));
    List<QuantityRows> out = new ArrayList<>();
    for (QuantityParts.Slice s : slices) {
      int sampling = 0;
      int targets = 0;
      int rows = 0;
      List<String> moved = new ArrayList<>();
      List<String> unlisted = new ArrayList<>();
      for (LadderRuns r : LadderRuns.of(s.table())) {
        rows += r.checkpoints();
        if (Role.TARGET.key().equals(r.role())) {
          targets++;
        } else {
          sampling++;
        }
        LadderRuns was = byId.get(r.run());
        if (was == null) {
          unlisted.add(r.run());
        } else if (Double.compare(was.tokens(), r.tokens()) != 0) {
          moved.add(
              String.format(Locale.ROOT, "%s: D %.6g -> %.6g", r.run(), was.tokens(), r.tokens()));
        }
      }
      out.add(new QuantityRows(s.part().quantity(), sampling, targets, rows, moved, unlisted));
    }
    return out;
  }

  /**
   * @param w where the table goes
   * @param all the quantities' entries
   */
  static void print(PrintWriter w, List<QuantityRows> all) {
    w.println("per quantity, the rows predict reads for it:");
    w.printf(Locale.ROOT, "%8s %7s %11s  %s%n", "sampling", "targets", "checkpoints", "quantity");
    for (QuantityRows q : all) {
      w.printf(
          Locale.ROOT,
          "%8d %7d %11d  %s%s%n",
          q.sampling(),
          q.targets(),
          q.checkpoints(),
          q.quantity(),
          q.note());
    }
  }

  /** The moved and unlisted runs, a few named, for the end of the quantity's line. */
  private String note() {
    return named(" (last checkpoint not the listed one: ", moved, "; ")
        + named(" (runs the listing leaves out: ", unlisted, ", ");
  }

  /** A few of the runs, "" for none. */
  private static String named(String head, List<String> runs, String sep) {
    if (runs.isEmpty()) {
      return "";
    }
    int more = runs.size() - NAMED;
    return head
        + String.join(sep, runs.subList(0, Math.min(NAMED, runs.size())))
        + (more > 0 ? "; and " + more + " more" : "")
        + ")";
  }
}
