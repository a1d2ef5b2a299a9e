package org.scalecast.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.scalecast.fit.flp.Coverage;
import org.scalecast.results.QuantityKind;

class BacktestCommandTest {
  private static Coverage.Row row(int cases, int refused, int covered, int withInterval, int none) {
    return new Coverage.Row(
        "piqa",
        "chinchilla+sigmoid",
        QuantityKind.SCORE,
        cases,
        refused,
        0.02,
        covered,
        withInterval,
        0.1,
        none);
  }

  /**
   * A method chosen by leave-one-run-out without an interval left the coverage column at 7/9 of 10
   * cases, the tenth unsaid (a new user, twenty-fifth session).
   */
  @Test
  void predictionsWithoutAnIntervalAreCounted() {
    assertEquals("7/9, 1 none", BacktestCommand.coverage(row(10, 0, 7, 9, 1)));
    // A case without an actual value had an interval (a review counted it as none).
    assertEquals("7/9", BacktestCommand.coverage(row(10, 0, 7, 9, 0)));
    assertEquals("n/a, 2 none", BacktestCommand.coverage(row(2, 0, 0, 0, 2)));
  }
}
