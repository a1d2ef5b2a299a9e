package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.results.InputException;
import tech.tablesaw.api.Table;

class CoverageTest {
  /**
   * A ladder where no run has enough runs below it at the ratio asked: the message says which ratio
   * would let the largest run be backtested (a new user with 6 models was told only that no run
   * qualified).
   */
  @Test
  void tooFewSmallerRunsNamesTheRatioThatWouldDo() {
    Table t = TargetPredictorTest.table();
    Table six = t.where(t.stringColumn("run_id").isNotEqualTo("sample5"));
    PredictSpec spec =
        new PredictSpec(
            null,
            null,
            null,
            List.of(new PredictSpec.TaskSpec("task_acc", 0.25, null)),
            null,
            null);
    InputException e = assertThrows(InputException.class, () -> Coverage.cases(six, spec, 0.001));
    assertTrue(
        e.getMessage().contains("the largest run has 5 below it at --max-compute-ratio 0.0096"),
        e.getMessage());
    // Five runs, four of them sampling runs: the count says the target is in it (new user).
    Table five =
        t.where(
            t.stringColumn("run_id").isIn("sample0", "sample1", "sample2", "sample3", "target"));
    e = assertThrows(InputException.class, () -> Coverage.cases(five, spec, 0.25));
    assertTrue(
        e.getMessage().contains("the ladder has 5 runs, its targets included, and this needs 6"),
        e.getMessage());
  }
}
