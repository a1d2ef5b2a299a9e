package org.scalecast.harness.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.scalecast.harness.data.Document;
import org.scalecast.results.TaskKind;

/**
 * {@code code_next_line}, from the {@code code} domain's test documents. Choice: the true next line
 * of code against three lines from other files.
 */
public final class CodeNextLine extends BuiltInTask {
  /** Version 1. */
  public CodeNextLine() {
    super("code_next_line", 1, "code", TaskKind.CHOICE);
  }

  @Override
  public double chance(List<TaskItem> items) {
    return 0.25;
  }

  @Override
  public List<TaskItem> generate(List<Document> docs, int items, SplittableRandom rng) {
    return nextLine(docs, items, rng);
  }

  /** The true next line of code against three lines from other files. */
  private static List<TaskItem> nextLine(List<Document> docs, int n, SplittableRandom rng) {
    List<String[]> pairs = new ArrayList<>();
    for (Document d : docs) {
      String[] lines = d.text().split("\n");
      for (int i = 3; i < lines.length; i++) {
        String l = lines[i].strip();
        if (l.length() >= 12 && l.length() <= 80 && !l.startsWith("*") && !l.startsWith("//")) {
          pairs.add(
              new String[] {
                lines[i - 3] + "\n" + lines[i - 2] + "\n" + lines[i - 1] + "\n", lines[i]
              });
        }
      }
    }
    List<TaskItem> out = new ArrayList<>();
    for (int k = 0; k < n && pairs.size() > 4; k++) {
      String[] gold = TaskText.pick(pairs, rng);
      out.add(
          TaskText.choiceItem(
              TaskText.tail(gold[0]), gold[1], () -> TaskText.pick(pairs, rng)[1], rng));
    }
    return out;
  }
}
