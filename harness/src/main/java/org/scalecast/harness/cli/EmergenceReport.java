package org.scalecast.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.scalecast.results.CheckpointRecord;
import org.scalecast.results.InputException;
import org.scalecast.results.RecordLog;
import org.scalecast.results.ResultsTable;

/**
 * Which tasks emerge: per task and run, the main score at the final checkpoint and the first
 * checkpoint from which the score stays above chance + margin to the end (FLP's threshold is chance
 * + 5 points), with the tokens and the validation loss there.
 */
final class EmergenceReport {
  private EmergenceReport() {}

  private record Run(String id, double nParams, long budget, List<CheckpointRecord> records) {}

  static void print(Path runsDir, double margin, PrintWriter w) throws IOException {
    if (!Files.isDirectory(runsDir)) {
      throw new InputException(runsDir + ": no such runs folder");
    }
    List<Run> runs = new ArrayList<>();
    Map<Path, JsonNode> manifests = RunTasks.manifests(runsDir);
    for (Map.Entry<Path, JsonNode> e : manifests.entrySet()) {
      JsonNode m = e.getValue();
      runs.add(
          new Run(
              e.getKey().getFileName().toString(),
              m.path("design").path("n_params").asDouble(),
              m.path("design").path("token_budget").asLong(),
              new RecordLog(e.getKey().resolve(ResultsTable.RECORDS)).read()));
    }
    runs.sort(Comparator.comparingDouble(Run::nParams).thenComparingLong(Run::budget));
    for (RunTasks t : RunTasks.of(manifests)) {
      String col = t.score();
      String domain = t.domain();
      String lossCol = t.loss();
      double chance = t.chance();
      w.printf(
          "%n%s (%s, %d items, chance %.3f, emerged = above %.3f)%n",
          col, t.kind(), t.items(), chance, chance + margin);
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
}
