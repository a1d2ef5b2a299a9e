package org.scalecast.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.scalecast.results.InputException;

class ObjectiveTest {

  @Test
  void halfSquaredPsiIsTheHuberTerm() {
    Objective h = Objective.parse("huber-log:0.01");
    for (double s : new double[] {-0.5, -0.02, -0.01, -0.003, 0, 0.004, 0.01, 0.05, 2}) {
      double psi = h.psi(s);
      assertEquals(h.term(s), 0.5 * psi * psi, 1e-15, "s=" + s);
    }
  }

  @Test
  void psiDerivativeMatchesFiniteDifferences() {
    Objective h = Objective.parse("huber-log:0.01");
    for (double s : new double[] {-0.5, -0.02, -0.003, 0.004, 0.05, 2}) {
      double fd = (h.psi(s + 1e-7) - h.psi(s - 1e-7)) / 2e-7;
      assertEquals(fd, h.psiDerivative(s), 1e-6, "s=" + s);
    }
  }

  @Test
  void specRoundTrips() {
    for (String s : new String[] {"ls", "ls-log", "huber-log:0.001"}) {
      assertEquals(s, Objective.parse(s).spec());
    }
  }

  @Test
  void rejectsUnknownAndMalformed() {
    assertThrows(InputException.class, () -> Objective.parse("l1"));
    assertThrows(InputException.class, () -> Objective.parse("huber-log:abc"));
    assertThrows(InputException.class, () -> Objective.parse("huber-log:-1"));
  }
}
