package org.scalecast.harness.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.scalecast.harness.data.Document;
import org.scalecast.results.TaskKind;

/**
 * {@code text_next_sentence}, from the {@code text} domain's test documents. Choice: the true next
 * sentence against three from other documents.
 */
public final class TextNextSentence extends BuiltInTask {
  /** Version 1. */
  public TextNextSentence() {
    super("text_next_sentence", 1, "text", TaskKind.CHOICE);
  }

  @Override
  public double chance(List<TaskItem> items) {
    return 0.25;
  }

  @Override
  public List<TaskItem> generate(List<Document> docs, int items, SplittableRandom rng) {
    return nextSentence(docs, items, rng);
  }

  /** The true next sentence against three sentences from other documents. */
  private static List<TaskItem> nextSentence(List<Document> docs, int n, SplittableRandom rng) {
    List<String[]> pairs = new ArrayList<>();
    for (String[] ps : TaskText.sentences(docs)) {
      if (!ps[0].isEmpty() && ps[0].split(" ").length >= 6) {
        pairs.add(ps);
      }
    }
    List<TaskItem> out = new ArrayList<>();
    for (int k = 0; k < n && pairs.size() > 4; k++) {
      String[] gold = TaskText.pick(pairs, rng);
      out.add(
          TaskText.choiceItem(
              TaskText.tail(gold[0]),
              " " + gold[1],
              () -> " " + TaskText.pick(pairs, rng)[1],
              rng));
    }
    return out;
  }
}
