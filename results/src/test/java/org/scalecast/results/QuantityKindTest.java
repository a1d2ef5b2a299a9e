package org.scalecast.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuantityKindTest {
  /**
   * Intervals end inside a kind's valid range: a new user's OPT ladder printed a perplexity
   * interval of [-4.07, 10.3]; a loss has no upper bound, a score lies in [0, 1].
   */
  @Test
  void intervalsAreClippedToTheKindsValidRange() {
    assertEquals(0, QuantityKind.LOSS.clipLower(-4.07));
    assertEquals(1.9, QuantityKind.LOSS.clipLower(1.9));
    assertEquals(25.6, QuantityKind.LOSS.clipUpper(25.6));
    assertEquals(0, QuantityKind.SCORE.clipLower(-0.1));
    assertEquals(1, QuantityKind.SCORE.clipUpper(1.2));
    assertEquals(0.7, QuantityKind.SCORE.clipUpper(0.7));
  }
}
