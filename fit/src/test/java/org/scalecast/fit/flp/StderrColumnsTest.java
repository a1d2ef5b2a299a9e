package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * A task's standard error column in a table whose score was pivoted from a metric: {@code results
 * ladder --out} of a {@code long:} ladder writes {@code piqa} beside {@code piqa_acc_stderr}
 * (thirtieth session; that table read no count before).
 */
class StderrColumnsTest {
  private static Table table(String... columns) {
    return Table.create(
        "out.csv",
        Arrays.stream(columns)
            .map(c -> DoubleColumn.create(c, 0.4, 0.5))
            .toArray(DoubleColumn[]::new));
  }

  private static PredictSpec spec(String... scores) {
    List<PredictSpec.TaskSpec> tasks =
        Arrays.stream(scores).map(s -> new PredictSpec.TaskSpec(s, 0.25, null)).toList();
    return new PredictSpec(null, null, null, tasks, null, null);
  }

  private static String of(Table t, PredictSpec spec, int task) {
    return StderrColumns.of(t, spec.tasks().get(task), spec);
  }

  @Test
  void theScoresOrphanStandardErrorIsItsOwn() {
    // piqa_acc_norm is a column, so its standard error is not the score's.
    Table t = table("piqa", "piqa_acc_stderr", "piqa_acc_norm", "piqa_acc_norm_stderr");
    assertEquals("piqa_acc_stderr", of(t, spec("piqa"), 0));
  }

  @Test
  void aLongerScoreKeepsItsOwnColumns() {
    Table t = table("arc", "arc_acc_stderr", "arc_easy", "arc_easy_acc_stderr");
    PredictSpec spec = spec("arc", "arc_easy");
    assertEquals("arc_acc_stderr", of(t, spec, 0));
    assertEquals("arc_easy_acc_stderr", of(t, spec, 1));
  }

  @Test
  void twoOrphansOfOneScoreGiveNone() {
    Table t = table("piqa", "piqa_acc_stderr", "piqa_f1_stderr");
    assertNull(of(t, spec("piqa"), 0));
  }

  /**
   * An orphan not named after the score is no one's, even with one task, and one named after a
   * longer column is that column's: gsm8k's error gave mmlu a count, lambada_ppl_stderr of 3.2
   * stopped a config, and mmlu_pro_acc_stderr beside mmlu_acc_stderr left mmlu none (a review).
   */
  @Test
  void anOrphanNamedAfterAnotherColumnOrNoneIsNotTheScores() {
    assertNull(of(table("piqa", "acc_stderr"), spec("piqa"), 0));
    assertNull(of(table("mmlu", "gsm8k", "gsm8k_em_stderr"), spec("mmlu"), 0));
    assertNull(of(table("mmlu", "lambada_ppl_stderr"), spec("mmlu"), 0));
    assertNull(
        of(table("mmlu", "mmlu_pro", "mmlu_pro_acc_stderr", "gsm8k"), spec("mmlu", "gsm8k"), 0));
    Table both = table("mmlu", "mmlu_pro", "mmlu_acc_stderr", "mmlu_pro_acc_stderr");
    assertEquals("mmlu_acc_stderr", of(both, spec("mmlu"), 0));
    // loss_stderr belongs to the column loss.
    assertNull(of(table("piqa", "loss", "loss_stderr"), spec("piqa"), 0));
  }

  @Test
  void theScoresOwnNameComesFirst() {
    Table t = table("piqa", "piqa_stderr", "piqa_acc_stderr");
    assertEquals("piqa_stderr", of(t, spec("piqa"), 0));
  }
}
