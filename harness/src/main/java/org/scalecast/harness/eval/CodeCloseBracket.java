package org.scalecast.harness.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.scalecast.harness.data.Document;
import org.scalecast.results.TaskKind;

/**
 * {@code code_close_bracket}, from the {@code code} domain's test documents. Choice: which closing
 * bracket comes next.
 */
public final class CodeCloseBracket extends BuiltInTask {
  /** Version 1. */
  public CodeCloseBracket() {
    super("code_close_bracket", 1, "code", TaskKind.CHOICE);
  }

  /**
   * Gold is not uniform over the choices: always answering the commonest gold scores its frequency
   * (")" closes most brackets in Java), not 1 / choices.
   */
  @Override
  public double chance(List<TaskItem> items) {
    return TaskText.majorityRate(items);
  }

  @Override
  public List<TaskItem> generate(List<Document> docs, int items, SplittableRandom rng) {
    return closeBracket(docs, items, rng);
  }

  /** Which closing bracket comes next: ), ] or }. */
  private static List<TaskItem> closeBracket(List<Document> docs, int n, SplittableRandom rng) {
    List<String> closers = List.of(")", "]", "}");
    List<TaskItem> out = new ArrayList<>();
    for (int k = 0, tries = 0; k < n && tries < 100 * n && !docs.isEmpty(); tries++) {
      String text = TaskText.pick(docs, rng).text();
      if (text.length() < TaskText.CONTEXT_CHARS) {
        continue;
      }
      int at = TaskText.CONTEXT_CHARS + rng.nextInt(text.length() - TaskText.CONTEXT_CHARS);
      int gold = closers.indexOf(String.valueOf(text.charAt(at)));
      if (gold >= 0) {
        out.add(new TaskItem(TaskText.tail(text.substring(0, at)), closers, gold));
        k++;
      }
    }
    return out;
  }
}
