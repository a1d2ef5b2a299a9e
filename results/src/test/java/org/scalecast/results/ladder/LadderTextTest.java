package org.scalecast.results.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LadderTextTest {
  /**
   * A missing column's error lists a short header whole and the closest names of a long one: an
   * unknown derive column listed 150 columns of an lm-evaluation-harness import in one line of 4.6
   * KB (a new user's import, twenty-third session).
   */
  @Test
  void aLongHeaderGivesTheClosestNames() {
    assertEquals(
        "columns: run, step, acc", LadderText.columns("acc_norm", List.of("run", "step", "acc")));
    List<String> many = new ArrayList<>(List.of("run", "step", "lambada_openai_perplexity"));
    for (int i = 0; i < 150; i++) {
      many.add("task" + i + "_acc");
    }
    assertEquals(
        "closest of its 153 columns: lambada_openai_perplexity, task0_acc, task1_acc",
        LadderText.columns("lambada_openai_ppl", many));
  }

  /** Cells of one value written two ways are one value, sizes included (a review). */
  @Test
  void oneValueWrittenTwoWaysIsTheSame() {
    assertTrue(LadderText.sameValue("3e8", "300000000"));
    assertTrue(LadderText.sameValue("1M", "1e6"));
    assertTrue(LadderText.sameValue("1.3B", "1300000000"));
    assertFalse(LadderText.sameValue("1M", "1e7"));
    assertTrue(LadderText.sameValue("0.0", "-0.0"));
    assertFalse(LadderText.sameValue("pythia-1B", "pythia-1b"));
    assertFalse(LadderText.sameValue("n/a", "NaN"));
  }
}
