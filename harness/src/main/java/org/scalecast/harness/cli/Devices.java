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

  /**
   * @param spec {@code all} or GPU ids {@code 0,1,...}
   * @return those GPUs, each checked against what the engine sees
   */
  static java.util.List<Device> list(String spec) {
    int visible = Engine.getInstance().getGpuCount();
    if (spec.equals("all")) {
      if (visible == 0) {
        throw new InputException(
            "--devices all: the engine sees 0 GPUs (a CPU build, or CUDA libraries it cannot load;"
                + " 'scalecast doctor' says which)");
      }
      java.util.List<Device> all = new java.util.ArrayList<>();
      for (int i = 0; i < visible; i++) {
        all.add(Device.gpu(i));
      }
      return all;
    }
    if (!spec.matches("\\s*\\d+\\s*(,\\s*\\d+\\s*)*")) {
      throw new InputException("--devices '" + spec + "': expected all or GPU ids like 0,1");
    }
    java.util.List<Device> out = new java.util.ArrayList<>();
    for (String id : spec.split(",")) {
      Device d = parse("gpu:" + id.trim());
      if (out.contains(d)) {
        throw new InputException("--devices '" + spec + "': GPU " + id.trim() + " twice");
      }
      out.add(d);
    }
    return out;
  }
}
