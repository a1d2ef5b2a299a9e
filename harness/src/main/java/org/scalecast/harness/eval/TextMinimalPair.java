package org.scalecast.harness.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.scalecast.harness.data.Document;
import org.scalecast.results.TaskKind;

/**
 * {@code text_minimal_pair}, from the {@code text} domain's test documents. Choice: a sentence
 * against a copy with two adjacent words swapped.
 */
public final class TextMinimalPair extends BuiltInTask {
  /** Version 1. */
  public TextMinimalPair() {
    super("text_minimal_pair", 1, "text", TaskKind.CHOICE);
  }

  @Override
  public double chance(List<TaskItem> items) {
    return 0.5;
  }

  @Override
  public List<TaskItem> generate(List<Document> docs, int items, SplittableRandom rng) {
    return minimalPairs(TaskText.sentences(docs), items, rng);
  }

  /**
   * A sentence against a copy with two adjacent words swapped: the model must prefer the original.
   */
  private static List<TaskItem> minimalPairs(
      List<String[]> sentences, int n, SplittableRandom rng) {
    List<TaskItem> out = new ArrayList<>();
    for (int k = 0; k < n && !sentences.isEmpty(); k++) {
      String[] w = TaskText.pick(sentences, rng)[1].split(" ");
      int i = 1 + rng.nextInt(w.length - 3);
      String original = String.join(" ", w);
      String tmp = w[i];
      w[i] = w[i + 1];
      w[i + 1] = tmp;
      String swapped = String.join(" ", w);
      if (swapped.equals(original)) {
        continue;
      }
      int gold = rng.nextInt(2);
      out.add(
          new TaskItem(
              "\n", gold == 0 ? List.of(original, swapped) : List.of(swapped, original), gold));
    }
    return out;
  }
}
