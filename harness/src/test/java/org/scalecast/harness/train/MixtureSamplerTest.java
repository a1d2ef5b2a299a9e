package org.scalecast.harness.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MixtureSamplerTest {
  private static char[] stream(int n, char base) {
    char[] s = new char[n];
    for (int i = 0; i < n; i++) {
      s[i] = (char) (base + i % 50);
    }
    return s;
  }

  @Test
  void theSameStepDrawsTheSameBatch() {
    MixtureSampler s =
        new MixtureSampler(
            List.of(stream(1000, 'a'), stream(1000, 'A')), new double[] {0.3, 0.7}, 9, 42);
    long[] a = new long[4 * 9];
    long[] b = new long[4 * 9];
    int[] da = new int[4];
    int[] db = new int[4];
    s.draw(17, 4, a, da);
    s.draw(3, 4, b, db); // another step in between changes nothing
    s.draw(17, 4, b, db);
    assertArrayEquals(a, b);
    assertArrayEquals(da, db);
  }

  @Test
  void domainsAreDrawnInProportionToTheirWeights() {
    MixtureSampler s =
        new MixtureSampler(
            List.of(stream(1000, 'a'), stream(1000, 'A')), new double[] {0.25, 0.75}, 5, 1);
    long[] t = new long[64 * 5];
    int[] d = new int[64];
    int second = 0;
    for (int step = 1; step <= 200; step++) {
      s.draw(step, 64, t, d);
      for (int x : d) {
        second += x;
      }
    }
    assertEquals(0.75, second / (200.0 * 64), 0.01);
  }

  @Test
  void aZeroWeightDomainIsNeverDrawn() {
    MixtureSampler s =
        new MixtureSampler(
            List.of(stream(1000, 'a'), stream(10, 'A')), new double[] {1.0, 0.0}, 5, 1);
    long[] t = new long[32 * 5];
    int[] d = new int[32];
    s.draw(1, 32, t, d);
    for (int x : d) {
      assertEquals(0, x);
    }
    assertTrue(t[0] >= 'a');
  }
}
