package org.scalecast.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run folder's {@code run.json}: written once by the sweep when the run starts, read by the
 * results table (design columns), the task list and the emergence report. Typed so that writer and
 * readers cannot drift apart; unknown keys are ignored, so folders written by older versions keep
 * loading (a frozen copy of the first format is a test fixture).
 *
 * @param runId the run
 * @param design the design columns every table row of the run carries ({@link Columns})
 * @param spec the fully resolved run specification, as the harness wrote it
 * @param dataKey the prepared data's cache key
 * @param device where it trained, e.g. {@code cpu()} or {@code gpu(0)}
 * @param engine engine name and version
 * @param precision matmul precision
 * @param threads intra-op threads, or {@code default (N cores)}
 * @param tasks the downstream tasks it is scored on
 * @param provenance code, libraries and machine
 * @param overrides the {@code --set key.path=value} overrides the sweep was run with, in order
 *     (absent from the file when there were none, so older manifests read and write the same)
 */
@JsonPropertyOrder({
  "run_id",
  "design",
  "spec",
  "data_key",
  "device",
  "engine",
  "precision",
  "threads",
  "tasks",
  "provenance",
  "overrides"
})
public record RunManifest(
    String runId,
    Map<String, Object> design,
    JsonNode spec,
    String dataKey,
    String device,
    String engine,
    String precision,
    String threads,
    List<TaskInfo> tasks,
    Provenance provenance,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> overrides) {

  /** The manifest's file name in a run folder. */
  public static final String FILE = "run.json";

  /** Copies the collections; a manifest without tasks has an empty list. */
  public RunManifest {
    design =
        design == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(design));
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
  }

  /**
   * One downstream task as the run was scored on it.
   *
   * @param name task name
   * @param version definition version (part of every column name)
   * @param domain the domain its items come from
   * @param kind choice or cloze
   * @param items items scored
   * @param chance the main score of guessing
   */
  @JsonPropertyOrder({"name", "version", "domain", "kind", "items", "chance"})
  public record TaskInfo(
      String name, int version, String domain, TaskKind kind, int items, double chance) {

    /**
     * @param metric a metric
     * @return its column
     */
    public String column(TaskMetric metric) {
      return Columns.task(name, version, metric);
    }

    /**
     * @return the main score's column, which predictions target
     */
    @JsonIgnore
    public String scoreColumn() {
      return column(kind.mainMetric());
    }

    /**
     * @return the validation loss column of the task's domain, FLP's stage-2 input
     */
    @JsonIgnore
    public String domainLoss() {
      return Columns.valLoss(domain);
    }
  }

  /**
   * @return the run's role, sampling when the design does not say (manifests before roles)
   */
  @JsonIgnore
  public Role role() {
    Object r = design.get(Columns.ROLE);
    return r == null ? Role.SAMPLING : Role.of(r.toString());
  }

  /**
   * @param runDir a run folder
   * @return its manifest
   * @throws InputException naming the file when it is missing or malformed
   */
  public static RunManifest read(Path runDir) {
    Path file = runDir.resolve(FILE);
    try {
      return RecordLog.JSON.readValue(file.toFile(), RunManifest.class);
    } catch (IOException | RuntimeException e) {
      throw new InputException(
          file + ": cannot read the run manifest (" + CsvTables.oneLine(e) + ")", e);
    }
  }

  /**
   * @return the manifest as indented JSON
   */
  public String toJson() {
    try {
      return RecordLog.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException("a manifest always serialises", e);
    }
  }
}
