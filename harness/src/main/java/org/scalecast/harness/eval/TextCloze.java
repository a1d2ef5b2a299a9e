package org.scalecast.harness.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.scalecast.harness.data.Document;
import org.scalecast.results.TaskKind;

/**
 * {@code text_cloze}, from the {@code text} domain's test documents. Cloze: the last word of a
 * sentence, completed greedily.
 */
public final class TextCloze extends BuiltInTask {
  /** Version 1. */
  public TextCloze() {
    super("text_cloze", 1, "text", TaskKind.CLOZE);
  }

  @Override
  public double chance(List<TaskItem> items) {
    return 0;
  }

  @Override
  public List<TaskItem> generate(List<Document> docs, int items, SplittableRandom rng) {
    return textCloze(TaskText.sentences(docs), items, rng);
  }

  /**
   * The last word of a sentence, greedily: context is the sentence (and the one before) without it.
   */
  private static List<TaskItem> textCloze(List<String[]> sentences, int n, SplittableRandom rng) {
    List<TaskItem> out = new ArrayList<>();
    for (int k = 0; k < n && !sentences.isEmpty(); k++) {
      String[] ps = TaskText.pick(sentences, rng);
      String s = ps[1].substring(0, ps[1].length() - 1); // drop the final punctuation
      int cut = s.lastIndexOf(' ');
      out.add(
          new TaskItem(
              TaskText.tail((ps[0] + " " + s.substring(0, cut)).strip()),
              List.of(s.substring(cut)),
              0));
    }
    return out;
  }
}
