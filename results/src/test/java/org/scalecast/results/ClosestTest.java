package org.scalecast.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClosestTest {
  @Test
  void misspeltNamesFindTheOneMeant() {
    List<String> runs =
        List.of(
            "190M-10xC",
            "190M-1xC",
            "1B-1xC",
            "370M-1xC",
            "peteish13_eval_final",
            "peteish7_eval_anneal");
    // A new user's target typo: the id was in the eight a list of ten left out.
    assertEquals("peteish13_eval_final", Closest.to("peteish13_final", runs, 1).get(0));
    assertEquals(
        "eval/downstream/hellaswag_val_rc_5shot_len_norm",
        Closest.to(
                "eval/downstream/helaswag_val_rc_5shot_len_norm",
                List.of(
                    "eval/downstream/arc_easy_val_rc_5shot_len_norm",
                    "eval/downstream/hellaswag_val_rc_5shot_len_norm",
                    "eval/downstream_bpb/hellaswag_val_rc_5shot_bpb"),
                1)
            .get(0));
    assertEquals("closest: 1B-1xC, 190M-1xC, 190M-10xC (of 6)", Closest.hint("1b-1xc", runs));
    assertEquals("", Closest.hint("x", List.of()));
    // A fragment finds the names that contain it (the review: "hellaswag" found _step first).
    assertEquals(
        List.of("eval/hellaswag_acc", "eval/hellaswag_bpb"),
        Closest.to(
            "hellaswag",
            List.of("_step", "eval/loss", "eval/hellaswag_acc", "eval/hellaswag_bpb"),
            2));
    // A one-letter column is in every name, but not close to one.
    assertEquals(
        List.of("piqa_bpb", "csqa_bpb"),
        Closest.to("piqa_bpp", List.of("N", "piqa_bpb", "csqa_bpb"), 2));
  }

  /**
   * {@code fit --map} with a misspelt column listed a ladder's 200 columns in one line of 6,011
   * characters (a new user, twenty-fifth session); a few are still listed whole.
   */
  @Test
  void aMissingColumnOfAWideTableGetsItsClosestNotAll() {
    List<String> wide = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      wide.add("eval/task" + i + "_bpb");
    }
    assertEquals(
        "; closest: eval/task7_bpb, eval/task0_bpb, eval/task1_bpb (of 40)",
        Closest.columns("eval/task7_bp", wide));
    assertEquals(" (columns: a, b)", Closest.columns("c", List.of("a", "b")));
  }
}
