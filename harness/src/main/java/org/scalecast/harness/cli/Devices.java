package org.scalecast.harness.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scalecast.results.InputException;

/**
 * Parses {@code --device}: {@code cpu}, {@code gpu} (GPU 0), {@code gpu:N} or {@code gpuN}. A GPU
 * the engine cannot see is an error, never a silent fall-back to the CPU (DJL_NOTES.md 1.11).
 */
final class Devices {
  private static final Pattern GPU = Pattern.compile("gpu(?::?(\\d+))?");

  private Devices() {}

  static Device parse(String name) {
    if (name.equals("cpu")) {
      return Device.cpu();
    }
    Matcher m = GPU.matcher(name);
    if (!m.matches()) {
      throw new InputException("--device '" + name + "': expected cpu, gpu or gpu:N");
    }
    int id = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    int visible = Engine.getInstance().getGpuCount();
    if (id >= visible) {
      throw new InputException(
          "--device "
              + name
              + ": the engine sees "
              + visible
              + " GPU(s)"
              + (visible == 0 ? " (a CPU build, or CUDA libraries it cannot load)" : ""));
    }
    return Device.gpu(id);
  }
}
