package org.scalecast.harness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
  @Test
  void cosineWarmsUpPeaksAndEndsAtTheMinimum() {
    LrSchedule s = new LrSchedule(Schedule.COSINE, 1e-3, 0.1, 10, 0, 110);
    assertEquals(1e-4, s.at(1), 1e-12);
    assertEquals(1e-3, s.at(10), 1e-12);
    assertEquals(0.55e-3, s.at(60), 1e-12); // half way through the decay
    assertEquals(1e-4, s.at(110), 1e-12);
  }

  @Test
  void wsdHoldsThenDecaysLinearly() {
    LrSchedule s = new LrSchedule(Schedule.WSD, 1e-3, 0.0, 10, 20, 100);
    assertEquals(1e-3, s.at(50), 1e-12);
    assertEquals(1e-3, s.at(80), 1e-12);
    assertEquals(0.5e-3, s.at(90), 1e-12);
    assertEquals(0, s.at(100), 1e-12);
  }

  @Test
  void constantStaysAtThePeakAfterWarmup() {
    LrSchedule s = new LrSchedule(Schedule.CONSTANT, 2e-3, 0.1, 4, 0, 50);
    assertEquals(1e-3, s.at(2), 1e-12);
    assertEquals(2e-3, s.at(50), 1e-12);
  }
}
