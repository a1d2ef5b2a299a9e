package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.LawFitter;
import org.scalecast.fit.Observations;
import org.scalecast.fit.laws.LinearLaw;

class RefitsTest {
  private static Observations points(double last) {
    return Observations.of(
        List.of("x"), "y", new double[][] {{1}, {2}, {3}}, new double[] {1, 2.1, last});
  }

  /** Equal points under the same key are fitted once; other points or another key, again. */
  @Test
  void fitsOncePerKeyAndPoints() {
    Refits refits = new Refits();
    AtomicInteger fits = new AtomicInteger();
    FitResult a = refits.of("k", points(3), () -> fit(points(3), fits));
    assertSame(a, refits.of("k", points(3), () -> fit(points(3), fits)));
    assertEquals(1, fits.get());
    assertNotSame(a, refits.of("k", points(3.2), () -> fit(points(3.2), fits)));
    assertNotSame(a, refits.of("other", points(3), () -> fit(points(3), fits)));
    assertEquals(3, fits.get());
  }

  private static FitResult fit(Observations o, AtomicInteger fits) {
    fits.incrementAndGet();
    return LawFitter.create().fit(new LinearLaw(), o);
  }
}
