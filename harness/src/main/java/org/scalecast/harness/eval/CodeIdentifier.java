package org.scalecast.harness.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import org.scalecast.harness.data.Document;
import org.scalecast.results.TaskKind;

/**
 * {@code code_identifier}, from the {@code code} domain's test documents. Cloze: an identifier that
 * already appeared in the context, completed greedily.
 */
public final class CodeIdentifier extends BuiltInTask {
  /** Version 1. */
  public CodeIdentifier() {
    super("code_identifier", 1, "code", TaskKind.CLOZE);
  }

  @Override
  public double chance(List<TaskItem> items) {
    return 0;
  }

  @Override
  public List<TaskItem> generate(List<Document> docs, int items, SplittableRandom rng) {
    return identifier(docs, items, rng);
  }

  /** An identifier that already appeared in the context, completed greedily. */
  private static List<TaskItem> identifier(List<Document> docs, int n, SplittableRandom rng) {
    List<TaskItem> out = new ArrayList<>();
    for (int tries = 0; out.size() < n && tries < 50 * n && !docs.isEmpty(); tries++) {
      String text = TaskText.pick(docs, rng).text();
      if (text.length() < 2 * TaskText.CONTEXT_CHARS) {
        continue;
      }
      Matcher m = TaskText.IDENTIFIER.matcher(text);
      int from = TaskText.CONTEXT_CHARS + rng.nextInt(text.length() - TaskText.CONTEXT_CHARS);
      if (!m.find(from)) {
        continue;
      }
      String context = TaskText.tail(text.substring(0, m.start()));
      if (context.contains(m.group()) && !context.isEmpty()) {
        out.add(new TaskItem(context, List.of(m.group()), 0));
      }
    }
    return out;
  }
}
