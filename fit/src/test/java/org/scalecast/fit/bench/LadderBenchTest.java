package org.scalecast.fit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalecast.fit.flp.BacktestSpec;

/** {@code bench ladder}'s stages each time what they name, and only that. */
class LadderBenchTest {
  @Test
  void eachStageTimesItselfAndThoseBefore() throws Exception {
    LadderBench read =
        LadderBench.measure(3, 3, 4, 1, LadderBench.Stage.READ, BacktestSpec.Diagnostic.SKIP);
    assertEquals(9, read.runs());
    assertEquals(36, read.rows());
    assertTrue(Double.isNaN(read.predictSeconds()) && Double.isNaN(read.backtestSeconds()));
    LadderBench all =
        LadderBench.measure(3, 3, 4, 1, LadderBench.Stage.BACKTEST, BacktestSpec.Diagnostic.SKIP);
    assertTrue(all.predictionRows() > 0, "rows predicted");
    // The largest runs have five or more runs with a quarter of their compute below them.
    assertTrue(all.backtestCases() > 0 && all.backtestCases() < 9, "cases " + all.backtestCases());
    assertTrue(all.backtestSeconds() >= 0, "seconds " + all.backtestSeconds());
  }
}
