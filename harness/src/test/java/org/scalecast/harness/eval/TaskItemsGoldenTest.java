package org.scalecast.harness.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scalecast.harness.data.Document;
import org.scalecast.harness.data.DomainTokens;

/**
 * The built-in tasks' items, pinned: a digest of every task built from fixed synthetic documents.
 * Recorded before the tasks moved into a registry (issue 9); a change here changes every score.
 */
class TaskItemsGoldenTest {
  private static final String[] WORDS = {
    "the", "model", "river", "quiet", "table", "window", "learns", "slowly", "bright", "under",
    "garden", "stone", "reads", "between", "morning", "light", "paper", "carries", "small", "house"
  };

  static List<Document> prose(long seed) {
    Random r = new Random(seed);
    List<Document> docs = new ArrayList<>();
    for (int d = 0; d < 12; d++) {
      StringBuilder sb = new StringBuilder();
      for (int s = 0; s < 20; s++) {
        int n = 8 + r.nextInt(12);
        StringBuilder sent = new StringBuilder();
        for (int w = 0; w < n; w++) {
          String word = WORDS[r.nextInt(WORDS.length)];
          sent.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
          sent.append(w == n - 1 ? "." : " ");
        }
        sb.append(sent).append(' ');
      }
      docs.add(new Document("p" + d, sb.toString()));
    }
    return docs;
  }

  static List<Document> code(long seed) {
    Random r = new Random(seed);
    List<Document> docs = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      StringBuilder sb = new StringBuilder("class Sample" + d + " {\n");
      for (int m = 0; m < 12; m++) {
        String name = WORDS[r.nextInt(WORDS.length)] + "Value" + r.nextInt(9);
        sb.append("  int compute").append(m).append("(int[] items, int count) {\n");
        sb.append("    int ").append(name).append(" = items[count - ").append(r.nextInt(5));
        sb.append("];\n");
        sb.append("    if (").append(name).append(" > ").append(r.nextInt(100)).append(") {\n");
        sb.append("      return Math.max(").append(name).append(", items[0]);\n");
        sb.append("    }\n    return ").append(name).append(" * ").append(r.nextInt(7));
        sb.append(";\n  }\n");
      }
      docs.add(new Document("c" + d, sb.append("}\n").toString()));
    }
    return docs;
  }

  static DomainTokens domain(String name, List<Document> docs) {
    return new DomainTokens(name, new char[0], new char[0], new char[0], new int[] {0, 0, 0}, docs);
  }

  @Test
  void builtInItemsAreUnchanged() throws Exception {
    List<Task> tasks =
        TaskSuite.build(
            TaskSuite.BUILT_IN,
            Map.of("text", domain("text", prose(1)), "code", domain("code", code(2))),
            24,
            0);
    StringBuilder sb = new StringBuilder();
    for (Task t : tasks) {
      sb.append(t.name()).append('|').append(t.version()).append('|').append(t.domain());
      sb.append('|').append(t.kind().name()).append('|').append(t.chance()).append('\n');
      for (TaskItem it : t.items()) {
        sb.append(it.context()).append('\u0001').append(String.join("\u0002", it.choices()));
        sb.append('\u0001').append(it.gold()).append('\n');
      }
    }
    String digest =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    assertEquals(6, tasks.size());
    assertEquals("37cc23b79666a53a9fcdc89c9f74f404af910e7eb3c81d9dc9bd93a39f49a453", digest);
  }
}
