package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.results.InputException;
import org.scalecast.results.QuantityKind;
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
    PredictSpec spec = taskOnly();
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

  /**
   * With {@code prepare: auto} each held-out run is predicted as {@code predict} would predict it:
   * with the preparation its own backtests choose (it was applied to every run, so the coverage
   * measured was not that of the choice).
   */
  @Test
  void prepareAutoIsChosenForEachRunAsPredictChoosesIt() {
    Table t = TargetPredictorTest.withNoisyChain();
    PredictSpec spec =
        new PredictSpec(
            null,
            null,
            null,
            List.of(new PredictSpec.TaskSpec("task2_acc", 0.25, "task2_bpb")),
            null,
            null);
    List<Coverage.Case> auto = Coverage.cases(t, spec.withPrepare(Preparation.named("auto")), 0.5);
    List<Coverage.Case> none = Coverage.cases(t, spec.withPrepare(Preparation.NONE), 0.5);
    List<Coverage.Case> paper = Coverage.cases(t, spec.withPrepare(Preparation.PAPER), 0.5);
    assertEquals(none.size(), auto.size());
    int kept = 0;
    for (int i = 0; i < auto.size(); i++) {
      double[] m =
          PreparationChoice.paired(List.of(named(none.get(i))), List.of(named(paper.get(i))), 0.05);
      boolean keep = m[2] > 0 && m[1] < (1 - PreparationChoice.GAIN) * m[0];
      kept += keep ? 1 : 0;
      assertEquals((keep ? paper : none).get(i).rows(), auto.get(i).rows(), auto.get(i).run());
    }
    // Kept for some runs and not others: the test tells a choice per run from always and never.
    assertTrue(kept > 0 && kept < auto.size(), kept + " of " + auto.size() + " runs kept it");
  }

  /** The synthetic ladder's one task, every other setting its default. */
  private static PredictSpec taskOnly() {
    return new PredictSpec(
        null, null, null, List.of(new PredictSpec.TaskSpec("task_acc", 0.25, null)), null, null);
  }

  private static Targets.Named named(Coverage.Case c) {
    return new Targets.Named(c.run(), new Predictions(null, c.rows(), java.util.Map.of()));
  }

  /**
   * Predictions without an interval are counted apart from those with one whose actual value is
   * unknown (a review counted the latter as without, twenty-fifth session).
   */
  @Test
  void predictionsWithoutAnIntervalAreCountedApart() {
    PredictionRow bare =
        PredictionRow.of("acc", QuantityKind.SCORE, "m", 0.5, Double.NaN, Double.NaN, 0.5, null);
    PredictionRow unknown =
        PredictionRow.of("acc", QuantityKind.SCORE, "m", 0.5, 0.4, 0.6, Double.NaN, null);
    PredictionRow held =
        PredictionRow.of("acc", QuantityKind.SCORE, "m", 0.5, 0.4, 0.6, 0.55, null);
    Coverage.Row r =
        Coverage.summarise(
                List.of(
                    new Coverage.Case("a", 3, List.of(bare)),
                    new Coverage.Case("b", 3, List.of(unknown)),
                    new Coverage.Case("c", 3, List.of(held))))
            .get(0);
    assertEquals(1, r.noInterval());
    assertEquals(1, r.withInterval());
    assertEquals(1, r.covered());
  }
}
