package org.scalecast.fit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalecast.fit.io.FitFile;

class FitBenchTest {
  @Test
  void measuresAFitAndItsBootstrapOnTheSyntheticGrid() throws Exception {
    FitBench b = FitBench.measure(4, 3, 5, 2);
    assertEquals(12, b.points());
    assertEquals("huber-log:0.001", b.objective());
    assertEquals(5, b.bootstrapReplicates());
    assertTrue(b.fitSecondsBest() <= b.fitSecondsFirst());
    assertEquals(java.util.Set.of("E", "A", "B", "alpha", "beta"), b.params().keySet());
    String json = FitFile.JSON.writeValueAsString(b);
    assertEquals("points", FitFile.JSON.readTree(json).fieldNames().next(), json);
    assertEquals(12, FitFile.JSON.readTree(json).get("points").asInt());
  }
}
