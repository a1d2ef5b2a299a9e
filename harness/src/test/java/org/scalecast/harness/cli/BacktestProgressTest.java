package org.scalecast.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A backtest of 100 runs said nothing for minutes; now a line, but not one per run. */
class BacktestProgressTest {
  @Test
  void theFirstRunIsSaidAndTheNextOnlyAfterAQuietTime() {
    StringWriter out = new StringWriter();
    BacktestProgress p = new BacktestProgress(new PrintWriter(out));
    p.next("s3-b4", 1, 29);
    p.next("s3-b5", 2, 29);
    String said = out.toString();
    assertEquals(1, said.lines().count(), said);
    assertTrue(said.startsWith("scalecast: backtest: predicting run 1 of 29 (s3-b4), "), said);
  }
}
