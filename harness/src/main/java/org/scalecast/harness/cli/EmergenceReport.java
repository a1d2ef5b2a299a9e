package org.scalecast.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.results.CheckpointRecord;
import org.scalecast.results.Columns;
import org.scalecast.results.InputException;
import org.scalecast.results.ResultsTable;
import org.scalecast.results.RunManifest;

/**
 * Which tasks emerge: per task and run, the main score at the final checkpoint and the first
 * checkpoint from which the score stays above chance + margin to the end (FLP's threshold is chance
 * + 5 points), with the tokens and the validation loss there.
 */
final class EmergenceReport {
  private EmergenceReport() {}

  private record Run(String id, double nParams, long budget, List<CheckpointRecord> records) {}

  static void print(Path folder, double margin, PrintWriter w) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new InputException(folder + ": no such runs folder");
    }
    Path runsDir = ResultsTable.runsFolder(folder); // a quickstart's --out: its runs/
    List<Run> runs = new ArrayList<>();
    // Each task once, as the manifests first list it, in their order.
    Map<String, RunManifest.TaskInfo> tasks = new LinkedHashMap<>();
    for (Path dir : ResultsTable.runFolders(runsDir)) {
      List<CheckpointRecord> records =
          ResultsTable.readRun(dir, n -> w.println("note: " + n)); // every run, or a named error
      RunManifest m = RunManifest.read(dir);
      runs.add(
          new Run(
              dir.getFileName().toString(),
              number(m, Columns.N_PARAMS).doubleValue(),
              number(m, Columns.TOKEN_BUDGET).longValue(),
              records));
      m.tasks().forEach(t -> tasks.putIfAbsent(t.name(), t));
    }
    runs.sort(Comparator.comparingDouble(Run::nParams).thenComparingLong(Run::budget));
    for (RunManifest.TaskInfo t : tasks.values()) {
      String col = t.scoreColumn();
      String domain = t.domain();
      String lossCol = t.domainLoss();
      double chance = t.chance();
      w.printf(
          "%n%s (%s, %d items, chance %.3f, emerged = above %.3f)%n",
          col, t.kind().key(), t.items(), chance, chance + margin);
      w.printf(
          "  %-44s %9s %7s %8s %12s %10s%n",
          "run", "N", "final", "emerged", "at tokens", "at " + lossCol);
      int emerged = 0;
      for (Run r : runs) {
        // Emerged: above the threshold from this checkpoint to the last. A single lucky
        // checkpoint is not emergence: an untrained model guesses a few frequent words exactly.
        CheckpointRecord first = null;
        for (CheckpointRecord c : r.records()) {
          Double s = c.taskScores().get(col);
          if (s == null || s <= chance + margin) {
            first = null;
          } else if (first == null) {
            first = c;
          }
        }
        if (r.records().isEmpty()
            || !r.records().get(r.records().size() - 1).taskScores().containsKey(col)) {
          continue;
        }
        double fin = r.records().get(r.records().size() - 1).taskScores().get(col);
        emerged += first != null ? 1 : 0;
        w.printf(
            "  %-44s %9.0f %7.3f %8s %12s %10s%n",
            r.id(),
            r.nParams(),
            fin,
            first != null ? "yes" : "no",
            first != null ? String.valueOf(first.tokens()) : "-",
            first != null && first.valLoss().containsKey(domain)
                ? String.format("%.3f", first.valLoss().get(domain))
                : "-");
      }
      w.printf("  emerged in %d of %d runs%n", emerged, runs.size());
    }
  }

  /** Run folders with a manifest, sorted. */
  /** A numeric design column, 0 when absent (as the JSON tree read it before). */
  private static Number number(RunManifest m, String column) {
    Object v = m.design().get(column);
    return v instanceof Number n ? n : 0;
  }
}
