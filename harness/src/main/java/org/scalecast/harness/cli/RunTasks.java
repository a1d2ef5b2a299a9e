package org.scalecast.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.results.Columns;
import org.scalecast.results.RecordLog;
import org.scalecast.results.ResultsTable;
import org.scalecast.results.TaskKind;

/**
 * The downstream tasks a runs folder was scored on, as its run manifests describe them: so
 * predictions and reports take each task's chance level from the task definition, not from a hand
 * copied number.
 *
 * @param score the main score column ({@code _acc}, or {@code _em} for cloze)
 * @param kind multiple-choice or cloze
 * @param items task items
 * @param chance the score of guessing
 * @param domain the domain the task was built from
 */
record RunTasks(String score, String kind, int items, double chance, String domain) {

  /**
   * @return the validation loss column of the task's domain, which FLP's stage 2 maps from
   */
  String loss() {
    return Columns.valLoss(domain);
  }

  /**
   * @return this task as a prediction spec entry
   */
  PredictSpec.TaskSpec spec() {
    return new PredictSpec.TaskSpec(score, chance, loss());
  }

  /**
   * @param runsDir a runs folder
   * @return its tasks, in the order the manifests first list them
   * @throws IOException when a manifest cannot be read
   */
  static List<RunTasks> read(Path runsDir) throws IOException {
    return of(manifests(runsDir));
  }

  /**
   * @param manifests run manifests from {@link #manifests}
   * @return their tasks, in the order they first list them
   */
  static List<RunTasks> of(Map<Path, JsonNode> manifests) {
    Map<String, RunTasks> tasks = new LinkedHashMap<>();
    for (JsonNode m : manifests.values()) {
      m.path("tasks").forEach(t -> tasks.putIfAbsent(t.get("name").asText(), of(t)));
    }
    return new ArrayList<>(tasks.values());
  }

  /**
   * @param runsDir a runs folder
   * @return each run folder with a manifest, sorted, to its manifest
   * @throws IOException when one cannot be read
   */
  static Map<Path, JsonNode> manifests(Path runsDir) throws IOException {
    Map<Path, JsonNode> out = new LinkedHashMap<>();
    try (Stream<Path> dirs = Files.list(runsDir)) {
      for (Path d :
          dirs.filter(p -> Files.isRegularFile(p.resolve(ResultsTable.MANIFEST)))
              .sorted()
              .toList()) {
        out.put(d, RecordLog.JSON.readTree(d.resolve(ResultsTable.MANIFEST).toFile()));
      }
    }
    return out;
  }

  private static RunTasks of(JsonNode t) {
    String kind = t.get("kind").asText();
    return new RunTasks(
        Columns.task(
            t.get("name").asText(), t.get("version").asInt(), TaskKind.of(kind).mainMetric()),
        kind,
        t.get("items").asInt(),
        t.get("chance").asDouble(),
        t.get("domain").asText());
  }
}
