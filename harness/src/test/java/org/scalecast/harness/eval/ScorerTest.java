package org.scalecast.harness.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalecast.harness.data.ByteTokenizer;
import org.scalecast.models.Gpt;
import org.scalecast.models.GptConfig;
import org.scalecast.results.TaskKind;

/** Scoring on the CPU engine against numbers computed by hand. */
@Tag("engine")
class ScorerTest {
  private static final GptConfig C = new GptConfig(256, 32, 1, 2, 16, GptConfig.HeadTying.TIED);

  private static Gpt model(NDManager m, int seed) {
    Engine.getInstance().setRandomSeed(seed);
    Gpt g = new Gpt(C);
    g.initialize(m, DataType.FLOAT32, new Shape(1, C.contextLength()));
    return g;
  }

  /**
   * All weights zero: every logit is 0, so every byte has probability 1/256 whatever the context,
   * and a continuation of k bytes has log-likelihood exactly -k ln 256.
   */
  private static Gpt uniform(NDManager m) {
    Gpt g = model(m, 0);
    for (Pair<String, Parameter> p : g.getParameters()) {
      p.getValue().getArray().muli(0);
    }
    return g;
  }

  @Test
  void uniformModelMatchesHandComputedLikelihoods() {
    try (NDManager m = NDManager.newBaseManager()) {
      Scorer s = new Scorer(new ByteTokenizer(), C.contextLength(), 4);
      // Gold is the 2-byte choice: the highest total log-likelihood (-2 ln 256 beats -3 and -5 ln
      // 256).
      Task task =
          new Task(
              "t",
              1,
              "x",
              TaskKind.CHOICE,
              1.0 / 3,
              List.of(
                  new TaskItem("context", List.of("abc", "de", "fghij"), 1),
                  new TaskItem("more context", List.of("xyz", "uvwxy", "st"), 0)));
      TaskScore r = s.score(uniform(m), m, task);
      assertEquals(0.5, r.accuracy(), 1e-12, "item 1 right (shortest is gold), item 2 wrong");
      double ln256 = Math.log(256);
      assertEquals(ln256, r.loss(), 1e-5, "nats per gold token: (2 + 3) ln 256 / 5");
      assertEquals(8.0, r.bitsPerByte(), 1e-5, "a uniform byte costs 8 bits");
      // Per byte every choice ties at -ln 256, and ties go to the first choice.
      assertEquals(0.5, r.accuracyNorm(), 1e-12, "first choice: item 1 wrong, item 2 right");
    }
  }

  @Test
  void greedyExactMatchFollowsTheArgmax() {
    try (NDManager m = NDManager.newBaseManager()) {
      Scorer s = new Scorer(new ByteTokenizer(), C.contextLength(), 4);
      // Uniform logits: the argmax is byte 0 everywhere, so only a continuation of NUL bytes
      // matches.
      Task task =
          new Task(
              "c",
              1,
              "x",
              TaskKind.CLOZE,
              0,
              List.of(
                  new TaskItem("ab", List.of("\0\0"), 0), new TaskItem("ab", List.of("cd"), 0)));
      TaskScore r = s.score(uniform(m), m, task);
      assertEquals(0.5, r.exactMatch(), 1e-12);
      assertEquals(Math.log(256), r.loss(), 1e-5);
    }
  }

  /**
   * Batching changes no score: a random model's accuracy, normalised accuracy and loss on items of
   * mixed lengths, right-padded in batches of 16, equal those scored one sequence at a time, and a
   * second scoring with the same scorer equals the first.
   */
  @Test
  void batchingChangesNoScore() {
    SplittableRandom rng = new SplittableRandom(5);
    List<TaskItem> items = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      List<String> choices = new ArrayList<>();
      for (int j = 0; j < 3; j++) {
        choices.add(" " + "abcdefghij".substring(0, 1 + rng.nextInt(9)));
      }
      items.add(new TaskItem("x".repeat(1 + rng.nextInt(20)), choices, rng.nextInt(3)));
    }
    Task task = new Task("mixed", 1, "x", TaskKind.CHOICE, 1.0 / 3, items);
    try (NDManager m = NDManager.newBaseManager()) {
      Gpt g = model(m, 11);
      Scorer batched = new Scorer(new ByteTokenizer(), C.contextLength(), 16);
      TaskScore a = batched.score(g, m, task);
      TaskScore b = new Scorer(new ByteTokenizer(), C.contextLength(), 1).score(g, m, task);
      TaskScore again = batched.score(g, m, task);
      for (TaskScore other : List.of(b, again)) {
        assertEquals(a.accuracy(), other.accuracy(), 1e-12);
        assertEquals(a.accuracyNorm(), other.accuracyNorm(), 1e-12);
        assertEquals(a.loss(), other.loss(), 1e-5);
      }
    }
  }

  /**
   * Sharing an item's context among its choices (issue 15) changes no score: a random model's
   * accuracies, exact match and loss equal those of one row per choice, with contexts long enough
   * that some choices keep less of them than others, and fewer tokens go through the model.
   */
  @Test
  void sharingTheContextChangesNoScoreAndForwardsFewerTokens() {
    SplittableRandom rng = new SplittableRandom(9);
    List<TaskItem> items = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      List<String> choices = new ArrayList<>();
      // Every fifth item has choices of up to 15 bytes: with its context more than the 16
      // positions, so choices keep different amounts of context and fill a row each.
      int longest = i % 5 == 0 ? 14 : 4;
      for (int j = 0; j < 4; j++) {
        StringBuilder sb = new StringBuilder(" ");
        for (int k = rng.nextInt(longest); k >= 0; k--) {
          sb.append((char) ('a' + rng.nextInt(26)));
        }
        choices.add(sb.toString());
      }
      items.add(new TaskItem("ctx".repeat(1 + rng.nextInt(3)), choices, rng.nextInt(4)));
    }
    items.add(new TaskItem("", List.of(" ab", " cde"), 1)); // no context at all
    try (NDManager m = NDManager.newBaseManager()) {
      Gpt g = model(m, 13);
      // Weights 4x their initial scale: attention then moves the logits far more than rounding.
      for (Pair<String, Parameter> p : g.getParameters()) {
        p.getValue().getArray().muli(4);
      }
      for (TaskKind kind : TaskKind.values()) {
        Task task = new Task("mixed", 1, "x", kind, 0.25, items);
        Scorer shared = new Scorer(new ByteTokenizer(), C.contextLength(), 8);
        Scorer separate =
            new Scorer(new ByteTokenizer(), C.contextLength(), 8, Scorer.Layout.SEPARATE);
        TaskScore a = shared.score(g, m, task);
        TaskScore b = separate.score(g, m, task);
        assertEquals(b.accuracy(), a.accuracy(), 1e-12);
        assertEquals(b.accuracyNorm(), a.accuracyNorm(), 1e-12);
        assertEquals(b.exactMatch(), a.exactMatch(), 1e-12);
        assertEquals(b.loss(), a.loss(), 1e-5);
        assertEquals(b.bitsPerByte(), a.bitsPerByte(), 1e-5);
        assertTrue(
            shared.tokens(task) < 0.8 * separate.tokens(task),
            shared.tokens(task) + " tokens against " + separate.tokens(task));
      }
    }
  }

  @Test
  void anUntrainedModelScoresAtChanceWithinItsStandardError() {
    SplittableRandom rng = new SplittableRandom(3);
    List<TaskItem> items = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      List<String> choices = new ArrayList<>();
      for (int j = 0; j < 4; j++) {
        StringBuilder sb = new StringBuilder(" ");
        for (int k = 0; k < 6; k++) {
          sb.append((char) ('a' + rng.nextInt(26)));
        }
        choices.add(sb.toString());
      }
      items.add(new TaskItem("the context of item " + i, choices, rng.nextInt(4)));
    }
    Task task = new Task("random", 1, "x", TaskKind.CHOICE, 0.25, items);
    try (NDManager m = NDManager.newBaseManager()) {
      TaskScore r =
          new Scorer(new ByteTokenizer(), C.contextLength(), 64).score(model(m, 7), m, task);
      assertEquals(400, r.n());
      assertTrue(
          Math.abs(r.accuracy() - 0.25) <= 2 * r.stdError(),
          "accuracy " + r.accuracy() + " vs chance 0.25 +- 2 x " + r.stdError());
    }
  }
}
