package org.scalecast.harness.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.harness.data.Document;
import org.scalecast.harness.data.DomainTokens;
import org.scalecast.results.InputException;
import org.scalecast.results.TaskKind;
import org.scalecast.results.TaskMetric;

class TaskFilesTest {
  @TempDir Path dir;

  private Path file(String text) throws IOException {
    Path f = dir.resolve("arc.jsonl");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void loadsMultipleChoiceAndClozeItems() throws IOException {
    Task t =
        TaskFiles.load(
            "arc",
            file(
                "{\"context\": \"Q?\", \"choices\": [\" a\", \" b\", \" c\"], \"gold\": 2, \"version\": 3}\n\n"
                    + "{\"context\": \"R?\", \"choices\": [\" d\", \" e\", \" f\"], \"gold\": 0}\n"));
    assertEquals(2, t.items().size());
    assertEquals(TaskKind.CHOICE, t.kind());
    assertEquals(1.0 / 3, t.chance(), 1e-12);
    assertEquals("arc_v3_acc", t.column(TaskMetric.ACC));
    Task c =
        TaskFiles.load("cl", file("{\"context\": \"2+2=\", \"choices\": [\"4\"], \"gold\": 0}\n"));
    assertEquals(TaskKind.CLOZE, c.kind());
  }

  @Test
  void malformedLinesAreRejectedWithTheirLineNumber() throws IOException {
    String ok = "{\"context\": \"Q\", \"choices\": [\" a\", \" b\"], \"gold\": 0}\n";
    Path f = file(ok + "{not json\n");
    assertEquals(
        f + ", line 2: not JSON",
        assertThrows(InputException.class, () -> TaskFiles.load("t", f)).getMessage());
    Path g = file(ok + ok + "{\"context\": \"Q\", \"choices\": [\" a\"], \"gold\": 1}\n");
    assertEquals(
        g + ", line 3: 'gold' must be an index into choices (0 to 0)",
        assertThrows(InputException.class, () -> TaskFiles.load("t", g)).getMessage());
    Path h = file("{\"choices\": [\" a\"], \"gold\": 0}\n");
    assertEquals(
        h + ", line 1: no string field 'context'",
        assertThrows(InputException.class, () -> TaskFiles.load("t", h)).getMessage());
    Path k = file("{\"context\": \"Q\", \"choices\": [1, 2], \"gold\": 0}\n");
    assertEquals(
        k + ", line 1: 'choices' must be a non-empty list of strings",
        assertThrows(InputException.class, () -> TaskFiles.load("t", k)).getMessage());
  }

  @Test
  void builtInTasksAreDeterministicAndComeFromTestDocumentsOnly() {
    String prose =
        "The old ship sailed slowly out of the harbour at dawn. The crew watched the grey water "
            + "without a word between them. Nobody knew how long the voyage would last this time. ";
    List<Document> test =
        List.of(
            new Document("a", prose.repeat(3)),
            new Document("b", prose.replace("ship", "boat").repeat(3)));
    DomainTokens text =
        new DomainTokens("text", new char[0], new char[0], new char[0], new int[] {0, 0, 2}, test);
    List<Task> a =
        TaskSuite.build(
            List.of("text_cloze", "text_minimal_pair"), java.util.Map.of("text", text), 10, 0);
    List<Task> b =
        TaskSuite.build(
            List.of("text_cloze", "text_minimal_pair"), java.util.Map.of("text", text), 10, 0);
    assertEquals(a, b);
    for (TaskItem it : a.get(0).items()) {
      assertEquals(
          true,
          prose.contains(it.choices().get(0).strip())
              || prose.replace("ship", "boat").contains(it.choices().get(0).strip()));
    }
  }
}
