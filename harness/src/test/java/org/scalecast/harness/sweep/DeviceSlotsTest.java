package org.scalecast.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.scalecast.results.InputException;

/**
 * {@code --runs-per-gpu}: which run goes to which GPU, without a GPU (Device objects are plain
 * values; nothing here asks the engine).
 */
class DeviceSlotsTest {
  private static final Device G0 = Device.gpu(0);
  private static final Device G1 = Device.gpu(1);

  @Test
  void slotsInterleaveSoTheFirstRunsSpreadOverEveryGpu() {
    assertEquals(List.of(G0, G1, G0, G1, G0, G1), DeviceSlots.order(List.of(G0, G1), 3));
    assertEquals(List.of(G0, G0, G0, G0), DeviceSlots.order(List.of(G0), 4));
    assertEquals(8, new DeviceSlots(List.of(G0, G1), 4).size());
    assertThrows(InputException.class, () -> DeviceSlots.order(List.of(G0), 0));
  }

  @Test
  void aFifthRunWaitsForOneOfFourPackedRunsAndTakesItsGpu() throws Exception {
    DeviceSlots slots = new DeviceSlots(List.of(G0), 4);
    List<Device> first = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      first.add(slots.take());
    }
    assertEquals(List.of(G0, G0, G0, G0), first);
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      Future<Device> fifth = ex.submit(slots::take);
      Thread.sleep(200);
      assertEquals(false, fifth.isDone(), "no fifth slot on a GPU packed with 4");
      slots.release(G0);
      assertEquals(G0, fifth.get(5, TimeUnit.SECONDS));
    } finally {
      ex.shutdownNow();
    }
  }

  /** Many runs through 2 GPUs x 2 slots: never more than 2 at once on a GPU, and both used. */
  @Test
  void concurrentRunsNeverExceedTheirGpusSlots() throws Exception {
    DeviceSlots slots = new DeviceSlots(List.of(G0, G1), 2);
    Map<Device, Integer> now = new HashMap<>();
    Map<Device, Integer> most = new HashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> runs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      runs.add(
          pool.submit(
              () -> {
                Device d = slots.take();
                synchronized (now) {
                  now.merge(d, 1, Integer::sum);
                  most.merge(d, now.get(d), Math::max);
                }
                Thread.sleep(2);
                synchronized (now) {
                  now.merge(d, -1, Integer::sum);
                }
                slots.release(d);
                return null;
              }));
    }
    for (Future<?> f : runs) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(2, most.size(), "both GPUs took runs: " + most);
    most.values().forEach(n -> assertEquals(true, n <= 2, "at most 2 at once: " + most));
  }

  @Test
  void aResumedRunRecordsBothPrecisions() {
    assertEquals("tf32", SweepRunner.threadHistory(null, "tf32"));
    assertEquals("fp32", SweepRunner.threadHistory("fp32", "fp32"));
    assertEquals("fp32; resumed with tf32", SweepRunner.threadHistory("fp32", "tf32"));
    assertEquals(
        "fp32; resumed with tf32", SweepRunner.threadHistory("fp32; resumed with tf32", "tf32"));
  }
}
