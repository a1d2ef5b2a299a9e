package org.scalecast.harness.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scalecast.harness.data.Document;
import org.scalecast.harness.data.DomainTokens;

/**
 * The built-in tasks, made from held-out test documents only (no item was ever trained on), with a
 * generator seeded per task so the same data always gives the same items. Text tasks read the
 * domain named {@code text}, code tasks the domain named {@code code}; a task whose domain is
 * absent is skipped. Difficulty spans from near-syntactic (brackets) to semantic (next sentence).
 */
public final class TaskSuite {
  /** Every built-in task name. */
  public static final List<String> BUILT_IN =
      List.of(
          "text_cloze",
          "text_next_sentence",
          "text_minimal_pair",
          "code_close_bracket",
          "code_identifier",
          "code_next_line");

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z])");
  private static final Pattern WORDS_ONLY = Pattern.compile("[A-Za-z ,;'-]+[.!?]");
  private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]{4,}\\b");
  private static final int CONTEXT_CHARS = 160;

  private TaskSuite() {}

  /**
   * @param names built-in task names to build
   * @param domains tokenized domains with their test documents
   * @param items items per task
   * @param seed the sweep's evaluation seed
   * @return the tasks whose domain exists
   */
  public static List<Task> build(
      List<String> names, Map<String, DomainTokens> domains, int items, long seed) {
    List<Task> tasks = new ArrayList<>();
    for (String name : names) {
      String domain = name.startsWith("text_") ? "text" : "code";
      DomainTokens d = domains.get(domain);
      if (d == null) {
        continue;
      }
      SplittableRandom rng = new SplittableRandom(seed * 31 + name.hashCode());
      List<Document> docs = d.testDocuments();
      Task task = make(name, domain, docs, items, rng);
      if (!task.items().isEmpty()) {
        tasks.add(task); // a domain with too few test documents yields no items, and no task
      }
    }
    return tasks;
  }

  private static Task make(
      String name, String domain, List<Document> docs, int items, SplittableRandom rng) {
    return switch (name) {
      case "text_cloze" ->
          new Task(name, 1, domain, Task.Kind.CLOZE, 0, textCloze(sentences(docs), items, rng));
      case "text_next_sentence" ->
          new Task(name, 1, domain, Task.Kind.CHOICE, 0.25, nextSentence(docs, items, rng));
      case "text_minimal_pair" ->
          new Task(
              name, 1, domain, Task.Kind.CHOICE, 0.5, minimalPairs(sentences(docs), items, rng));
      case "code_close_bracket" -> {
        List<TaskItem> it = closeBracket(docs, items, rng);
        yield new Task(name, 1, domain, Task.Kind.CHOICE, majorityRate(it), it);
      }
      case "code_identifier" ->
          new Task(name, 1, domain, Task.Kind.CLOZE, 0, identifier(docs, items, rng));
      case "code_next_line" ->
          new Task(name, 1, domain, Task.Kind.CHOICE, 0.25, nextLine(docs, items, rng));
      default ->
          throw new org.scalecast.results.InputException(
              "eval.tasks: unknown task '"
                  + name
                  + "' (known: "
                  + String.join(", ", BUILT_IN)
                  + ")");
    };
  }

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

  private static <T> T pick(List<T> list, SplittableRandom rng) {
    return list.get(rng.nextInt(list.size()));
  }

  private static String tail(String s) {
    return s.length() <= CONTEXT_CHARS ? s : s.substring(s.length() - CONTEXT_CHARS);
  }

  /**
   * The last word of a sentence, greedily: context is the sentence (and the one before) without it.
   */
  static List<TaskItem> textCloze(List<String[]> sentences, int n, SplittableRandom rng) {
    List<TaskItem> out = new ArrayList<>();
    for (int k = 0; k < n && !sentences.isEmpty(); k++) {
      String[] ps = pick(sentences, rng);
      String s = ps[1].substring(0, ps[1].length() - 1); // drop the final punctuation
      int cut = s.lastIndexOf(' ');
      out.add(
          new TaskItem(
              tail((ps[0] + " " + s.substring(0, cut)).strip()), List.of(s.substring(cut)), 0));
    }
    return out;
  }

  /** The true next sentence against three sentences from other documents. */
  static List<TaskItem> nextSentence(List<Document> docs, int n, SplittableRandom rng) {
    List<String[]> pairs = new ArrayList<>();
    for (String[] ps : sentences(docs)) {
      if (!ps[0].isEmpty() && ps[0].split(" ").length >= 6) {
        pairs.add(ps);
      }
    }
    List<TaskItem> out = new ArrayList<>();
    for (int k = 0; k < n && pairs.size() > 4; k++) {
      String[] gold = pick(pairs, rng);
      out.add(choiceItem(tail(gold[0]), " " + gold[1], () -> " " + pick(pairs, rng)[1], rng));
    }
    return out;
  }

  /**
   * A sentence against a copy with two adjacent words swapped: the model must prefer the original.
   */
  static List<TaskItem> minimalPairs(List<String[]> sentences, int n, SplittableRandom rng) {
    List<TaskItem> out = new ArrayList<>();
    for (int k = 0; k < n && !sentences.isEmpty(); k++) {
      String[] w = pick(sentences, rng)[1].split(" ");
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

  /** Which closing bracket comes next: ), ] or }. */
  static List<TaskItem> closeBracket(List<Document> docs, int n, SplittableRandom rng) {
    List<String> closers = List.of(")", "]", "}");
    List<TaskItem> out = new ArrayList<>();
    for (int k = 0, tries = 0; k < n && tries < 100 * n && !docs.isEmpty(); tries++) {
      String text = pick(docs, rng).text();
      if (text.length() < CONTEXT_CHARS) {
        continue;
      }
      int at = CONTEXT_CHARS + rng.nextInt(text.length() - CONTEXT_CHARS);
      int gold = closers.indexOf(String.valueOf(text.charAt(at)));
      if (gold >= 0) {
        out.add(new TaskItem(tail(text.substring(0, at)), closers, gold));
        k++;
      }
    }
    return out;
  }

  /** An identifier that already appeared in the context, completed greedily. */
  static List<TaskItem> identifier(List<Document> docs, int n, SplittableRandom rng) {
    List<TaskItem> out = new ArrayList<>();
    for (int tries = 0; out.size() < n && tries < 50 * n && !docs.isEmpty(); tries++) {
      String text = pick(docs, rng).text();
      if (text.length() < 2 * CONTEXT_CHARS) {
        continue;
      }
      Matcher m = IDENTIFIER.matcher(text);
      int from = CONTEXT_CHARS + rng.nextInt(text.length() - CONTEXT_CHARS);
      if (!m.find(from)) {
        continue;
      }
      String context = tail(text.substring(0, m.start()));
      if (context.contains(m.group()) && !context.isEmpty()) {
        out.add(new TaskItem(context, List.of(m.group()), 0));
      }
    }
    return out;
  }

  /** The true next line of code against three lines from other files. */
  static List<TaskItem> nextLine(List<Document> docs, int n, SplittableRandom rng) {
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
      String[] gold = pick(pairs, rng);
      out.add(choiceItem(tail(gold[0]), gold[1], () -> pick(pairs, rng)[1], rng));
    }
    return out;
  }

  private static TaskItem choiceItem(
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
