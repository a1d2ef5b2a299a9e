package org.scalecast.harness.sweep;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.scalecast.results.InputException;

/**
 * Where each child run of a sweep trains: a pool of device slots, {@code perDevice} per device. A
 * 1M-parameter model leaves an H100 mostly idle, so {@code --runs-per-gpu N} packs N runs (N child
 * JVMs, each with its own CUDA context) onto one GPU. Slots are interleaved across devices (gpu0,
 * gpu1, gpu0, gpu1, ...) so the first runs spread over every GPU before any GPU takes a second.
 */
final class DeviceSlots {
  private final BlockingQueue<Device> free;
  private final int size;

  /**
   * @param devices the devices, each once
   * @param perDevice runs at a time on each
   */
  DeviceSlots(List<Device> devices, int perDevice) {
    List<Device> order = order(devices, perDevice);
    this.free = new LinkedBlockingQueue<>(order);
    this.size = order.size();
  }

  /**
   * @param devices the devices, each once
   * @param perDevice runs at a time on each, at least 1
   * @return the slots in the order the first runs take them
   */
  static List<Device> order(List<Device> devices, int perDevice) {
    if (perDevice < 1) {
      throw new InputException("--runs-per-gpu must be >= 1, got " + perDevice);
    }
    List<Device> out = new ArrayList<>();
    for (int round = 0; round < perDevice; round++) {
      out.addAll(devices);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * @return runs at a time over all devices
   */
  int size() {
    return size;
  }

  /**
   * @return a free slot's device, waiting for one
   */
  Device take() throws InterruptedException {
    return free.take();
  }

  /**
   * @param d the device of a slot whose run ended
   */
  void release(Device d) {
    free.add(d);
  }
}
