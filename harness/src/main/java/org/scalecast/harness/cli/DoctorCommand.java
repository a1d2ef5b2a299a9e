package org.scalecast.harness.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import java.io.PrintWriter;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scalecast.harness.jni.NativeChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scalecast doctor}: what DJL will train on. DJL falls back to the CPU silently when the CPU
 * native jar is on the classpath or no CUDA library loads (DJL_NOTES.md); this says so, and fails
 * when a GPU was expected.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Print the engine, PyTorch version and flavour, native library path, CUDA runtime and every",
      "GPU with its memory. Exit 1 when a GPU is expected (--expect-gpu, or a GPU build) but the",
      "engine sees none."
    })
public final class DoctorCommand implements Callable<Integer> {
  @Option(names = "--expect-gpu", description = "Fail unless the engine sees at least one GPU.")
  boolean expectGpu;

  @Spec CommandSpec spec;

  /**
   * @return whether this build leaves the CPU native jar out (the {@code gpu} Maven profile)
   */
  static boolean gpuBuild() {
    return !System.getProperty("java.class.path", "").contains("pytorch-native-cpu");
  }

  /**
   * @return which PyTorch {@code native build} recorded, and whether this process uses it
   */
  static String choiceLine() {
    java.util.Optional<NativeChoice> c = NativeChoice.load();
    if (c.isEmpty()) {
      return "none (" + NativeChoice.file() + " absent): DJL's stock PyTorch, or PYTORCH_* if set";
    }
    String what =
        "torch "
            + c.get().settings().get("PYTORCH_VERSION")
            + " "
            + c.get().settings().get("PYTORCH_FLAVOR")
            + " from "
            + c.get().settings().get("PYTORCH_LIBRARY_PATH")
            + " ("
            + NativeChoice.file()
            + ")";
    return NativeChoice.environmentOverrides()
        ? what + ", NOT used: PYTORCH_* variables are set in the environment"
        : what;
  }

  @Override
  public Integer call() {
    PrintWriter w = spec.commandLine().getOut();
    Engine e = Engine.getInstance(); // loads the native library
    String lib = LibUtils.getLibtorchPath();
    // DJL's cache folder is VERSION-[BUILD-]FLAVOUR-CLASSIFIER, e.g.
    // 2.7.1-20250812-cpu-linux-x86_64.
    java.util.regex.Matcher f =
        java.util.regex.Pattern.compile("-(cpu|cu\\d+)(-precxx11)?-")
            .matcher(Path.of(lib).getFileName().toString());
    String flavour =
        f.find()
            ? f.group(1) + (f.group(2) == null ? "" : f.group(2))
            : ai.djl.util.Utils.getEnvOrSystemProperty("PYTORCH_FLAVOR", "unknown");
    w.printf(
        "engine:          %s %s (DJL %s)%n",
        e.getEngineName(), e.getVersion(), Engine.getDjlVersion());
    w.printf("flavour:         %s%n", flavour);
    w.printf("native library:  %s%n", lib);
    w.printf("native choice:   %s%n", choiceLine());
    w.printf(
        "build:           %s%n",
        gpuBuild()
            ? "gpu (no CPU native jar on the classpath)"
            : "cpu (pytorch-native-cpu on the classpath)");
    w.printf(
        "CUDA runtime:    %s%n",
        CudaUtils.hasCuda() ? CudaUtils.getCudaVersionString() : "none found");
    int gpus = e.getGpuCount();
    w.printf("GPUs:            %d%n", gpus);
    for (int i = 0; i < gpus; i++) {
      MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu(i));
      w.printf(
          "  gpu:%d          compute %s, memory %.1f GiB, %.1f GiB in use%n",
          i,
          CudaUtils.getComputeCapability(i),
          m.getMax() / Math.pow(2, 30),
          m.getCommitted() / Math.pow(2, 30));
    }
    w.printf(
        "intra-op threads: %s%n",
        System.getProperty("ai.djl.pytorch.num_threads", "PyTorch default (one per core)"));
    w.flush();
    // a build without the CPU jar expects a GPU, unless a CPU torch was chosen on purpose
    // (PYTORCH_FLAVOR=cpu: a bundle on a CPU machine, issue 12)
    String chosen = ai.djl.util.Utils.getEnvOrSystemProperty("PYTORCH_FLAVOR", "");
    boolean expected = expectGpu || (gpuBuild() && !chosen.equals("cpu")) || flavour.contains("cu");
    if (expected && gpus == 0) {
      spec.commandLine()
          .getErr()
          .printf(
              "doctor: a GPU was expected (%s) but the engine sees none: PyTorch flavour %s from %s%s%n",
              expectGpu ? "--expect-gpu" : "GPU build",
              flavour,
              lib,
              gpuBuild() ? "" : "; the CPU native jar is on the classpath (build with -Pgpu)");
      return 1;
    }
    w.println(gpus > 0 ? "ok: training can use the GPUs above" : "ok: training runs on the CPU");
    return 0;
  }
}
