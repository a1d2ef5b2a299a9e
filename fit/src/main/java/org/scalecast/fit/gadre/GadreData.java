package org.scalecast.fit.gadre;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;

/**
 * Reads an {@code exp_data} folder in the layout of mlfoundations/scaling: {@code models/STEM.json}
 * with hyperparameters and loss evaluations, {@code evals/evaluation_STEM_heavy.json} with task
 * accuracies. Every missing file or key is reported with the file and the key.
 */
public final class GadreData {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GadreData() {}

  /**
   * @param expData the {@code exp_data} folder
   * @return every run, sorted by name
   */
  public static List<GadreRun> read(Path expData) {
    Path models = expData.resolve("models");
    if (!Files.isDirectory(models)) {
      throw new InputException(
          expData + ": no models/ folder (expected the exp_data layout of mlfoundations/scaling)");
    }
    List<GadreRun> runs = new ArrayList<>();
    try (Stream<Path> files = Files.list(models)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        runs.add(readRun(expData, f));
      }
    } catch (IOException e) {
      throw new InputException(models + ": cannot list (" + CsvTables.oneLine(e) + ")", e);
    }
    if (runs.isEmpty()) {
      throw new InputException(models + ": no run files");
    }
    return runs;
  }

  private static GadreRun readRun(Path expData, Path file) {
    String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
    JsonNode root = tree(file);
    JsonNode h = field(file, root, "hyperparameters");
    String dataset = field(file, root, "dataset_name").asText();
    double mult = number(file, h, "chinchilla_multiplier");
    String model = modelKey(file, stem, dataset);
    Path evals = expData.resolve("evals").resolve("evaluation_" + stem + "_heavy.json");
    JsonNode icl = field(evals, field(evals, tree(evals), "eval_metrics"), "icl");
    Map<String, Double> acc = new LinkedHashMap<>();
    // A text accuracy ("oops") read as 0 and failed the reproduction without naming it (a
    // bad-input hunt, twentieth session).
    icl.fieldNames().forEachRemaining(k -> acc.put(k, number(evals, icl, k)));
    return new GadreRun(
        stem,
        dataset,
        model,
        number(file, h, "params"),
        number(file, h, "tokens"),
        mult,
        c4Loss(file, field(file, root, "results")),
        Map.copyOf(acc));
  }

  /** The model key sits between the dataset prefix and the multiplier: DATASET-MODEL-MULT. */
  private static String modelKey(Path file, String stem, String dataset) {
    int last = stem.lastIndexOf('-');
    if (!stem.startsWith(dataset + "-") || last <= dataset.length()) {
      throw new InputException(file + ": name is not DATASET-MODEL-MULTIPLIER");
    }
    return stem.substring(dataset.length() + 1, last);
  }

  private static double c4Loss(Path file, JsonNode results) {
    for (JsonNode r : results) {
      JsonNode val = r.path("val_data");
      if (val.isArray() && val.size() > 0 && val.get(0).asText().contains("/c4_val/")) {
        return number(file, r, "loss");
      }
    }
    throw new InputException(file + ": results has no c4_val evaluation");
  }

  private static JsonNode tree(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CsvTables.notAFile(file, "file");
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException(file + ": not JSON (" + CsvTables.oneLine(e) + ")", e);
    }
  }

  private static JsonNode field(Path file, JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw new InputException(file + ": missing key '" + key + "'");
    }
    return v;
  }

  private static double number(Path file, JsonNode node, String key) {
    JsonNode v = field(file, node, key);
    if (!v.isNumber()) {
      throw new InputException(file + ": key '" + key + "' is not a number");
    }
    return v.asDouble();
  }
}
