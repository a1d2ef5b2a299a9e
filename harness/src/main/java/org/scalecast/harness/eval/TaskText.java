package org.scalecast.harness.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.scalecast.harness.data.Document;

/** What the built-in task generators share: sentence splitting, picking, context tails. */
final class TaskText {
  static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z])");
  static final Pattern WORDS_ONLY = Pattern.compile("[A-Za-z ,;'-]+[.!?]");
  static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]{4,}\\b");
  static final int CONTEXT_CHARS = 160;

  private TaskText() {}

  /**
   * Chance for items whose gold is not uniform over the choices: always answering the commonest
   * gold scores its frequency (")" closes most brackets in Java), not 1 / choices.
   */
  static double majorityRate(List<TaskItem> items) {
    int[] counts = new int[8];
    for (TaskItem it : items) {
      counts[it.gold()]++;
    }
    return items.isEmpty()
        ? 0
        : (double) java.util.Arrays.stream(counts).max().orElse(0) / items.size();
  }

  /** Clean prose sentences of 8-40 words, with the sentence before each (or "" at a start). */
  static List<String[]> sentences(List<Document> docs) {
    List<String[]> out = new ArrayList<>();
    for (Document d : docs) {
      String prev = "";
      for (String s : SENTENCE_END.split(d.text().replaceAll("\\s+", " "))) {
        String t = s.strip();
        int words = t.split(" ").length;
        if (words >= 8 && words <= 40 && WORDS_ONLY.matcher(t).matches()) {
          out.add(new String[] {prev, t});
        }
        prev = t;
      }
    }
    return out;
  }

  static <T> T pick(List<T> list, SplittableRandom rng) {
    return list.get(rng.nextInt(list.size()));
  }

  static String tail(String s) {
    return s.length() <= CONTEXT_CHARS ? s : s.substring(s.length() - CONTEXT_CHARS);
  }

  static TaskItem choiceItem(
      String context,
      String gold,
      java.util.function.Supplier<String> distractor,
      SplittableRandom rng) {
    List<String> choices = new ArrayList<>();
    while (choices.size() < 3) {
      String d = distractor.get();
      if (!d.equals(gold) && !choices.contains(d)) {
        choices.add(d);
      }
    }
    int at = rng.nextInt(4);
    choices.add(at, gold);
    return new TaskItem(context, choices, at);
  }
}
