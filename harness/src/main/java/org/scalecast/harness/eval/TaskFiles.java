package org.scalecast.harness.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scalecast.results.InputException;
import org.scalecast.results.TaskKind;

/**
 * User tasks in JSONL, one item a line: {@code {"context": "...", "choices": ["...", ...], "gold":
 * 0}}, the shape multiple-choice benchmarks (ARC, PIQA, HellaSwag) take when exported from
 * lm-evaluation-harness. A single choice makes a cloze item (greedy exact match). Choices are
 * scored as written: include the leading space a continuation needs. An optional {@code "version"}
 * on the first line versions the task (default 1).
 */
public final class TaskFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TaskFiles() {}

  /**
   * @param name the task's name
   * @param file the JSONL file
   * @return the task
   * @throws InputException naming the file and line of the first malformed item
   */
  public static Task load(String name, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InputException("task '" + name + "': no such file " + file);
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read (" + e.getMessage() + ")");
    }
    List<TaskItem> items = new ArrayList<>();
    int version = 1;
    int choices = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      JsonNode n = parse(file, i, lines.get(i));
      if (items.isEmpty() && n.has("version")) {
        version = n.get("version").asInt(1);
      }
      TaskItem item = item(file, i, n);
      choices = choices < 0 ? item.choices().size() : choices;
      items.add(item);
    }
    if (items.isEmpty()) {
      throw new InputException(file + ": no items");
    }
    TaskKind kind = choices == 1 ? TaskKind.CLOZE : TaskKind.CHOICE;
    return new Task(name, version, "file", kind, kind == TaskKind.CLOZE ? 0 : 1.0 / choices, items);
  }

  private static JsonNode parse(Path file, int i, String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new InputException(file + ", line " + (i + 1) + ": not JSON");
    }
  }

  private static TaskItem item(Path file, int i, JsonNode n) {
    String where = file + ", line " + (i + 1) + ": ";
    if (!n.path("context").isTextual()) {
      throw new InputException(where + "no string field 'context'");
    }
    JsonNode c = n.path("choices");
    if (!c.isArray() || c.isEmpty()) {
      throw new InputException(where + "'choices' must be a non-empty list of strings");
    }
    List<String> choices = new ArrayList<>();
    for (JsonNode x : c) {
      if (!x.isTextual()) {
        throw new InputException(where + "'choices' must be a non-empty list of strings");
      }
      choices.add(x.asText());
    }
    JsonNode g = n.path("gold");
    if (!g.canConvertToInt() || g.asInt() < 0 || g.asInt() >= choices.size()) {
      throw new InputException(
          where + "'gold' must be an index into choices (0 to " + (choices.size() - 1) + ")");
    }
    return new TaskItem(n.get("context").asText(), choices, g.asInt());
  }
}
