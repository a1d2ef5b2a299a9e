package org.scalecast.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalecast.harness.jni.DjlSources;
import org.scalecast.harness.jni.Flavor;
import org.scalecast.harness.jni.JniBuild;
import org.scalecast.harness.jni.JniHeader;
import org.scalecast.harness.jni.NativeChoice;
import org.scalecast.harness.jni.TorchInstall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalecast native}: train on the node's own PyTorch (issue 12, item 1). */
@Command(
    name = "native",
    mixinStandardHelpOptions = true,
    description = {
      "Build DJL's JNI library against a local PyTorch and make every command use it.",
      "DJL 0.35.1 ships only PyTorch 2.7.1; GPU nodes often hold another torch and no network."
    },
    subcommands = {NativeCommand.Build.class, NativeCommand.Show.class, NativeCommand.Reset.class})
public final class NativeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code native build}. */
  @Command(
      name = "build",
      mixinStandardHelpOptions = true,
      description = {
        "Compile DJL 0.35.1's libdjl_torch.so with g++ against TORCH, install it under",
        "$SCALECAST_NATIVE_DIR (default ~/.scalecast/native) and record the choice there, so that",
        "every later command and doctor load that torch. An unchanged build is reused.",
        "Exit 2 when g++, torch's headers or DJL's sources are missing, 1 when g++ fails."
      })
  static final class Build implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--torch",
        required = true,
        paramLabel = "DIR",
        description =
            "A site-packages folder holding torch/, a venv, the torch folder, or libtorch.")
    Path torch;

    @Option(
        names = "--djl-source",
        required = true,
        paramLabel = "DIR",
        description =
            "A checkout of DJL's repository at tag v0.35.1 (see docs/gpus-and-clusters.md).")
    Path djlSource;

    @Option(
        names = "--flavor",
        paramLabel = "cpu|cuda",
        description = "Default: cuda when torch has libtorch_cuda.so, else cpu.")
    Flavor flavor;

    @Option(
        names = "--jobs",
        paramLabel = "N",
        description = "Compilers at a time, about 1.5 GB of memory each (default: cores).")
    Integer jobs;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      TorchInstall t = TorchInstall.locate(torch);
      Flavor f = flavor != null ? flavor : t.hasCuda() ? Flavor.CUDA : Flavor.CPU;
      if (f == Flavor.CUDA && !t.hasCuda()) {
        throw new org.scalecast.results.InputException(
            "native build: torch at "
                + t.dir()
                + " has no libtorch_cuda.so (a CPU build); use --flavor cpu");
      }
      DjlSources src = DjlSources.check(djlSource);
      src.requireSameNatives(JniHeader.nativeCounts());
      NativeChoice choice = NativeChoice.of(t, f, f == Flavor.CUDA ? jnaPath(t) : List.of());
      int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
      JniBuild.Result r;
      try {
        r = new JniBuild(src, t, f).build(choice.jniPath(), n, out);
      } catch (JniBuild.Failed e) {
        spec.commandLine().getErr().println(e.getMessage());
        return 1;
      }
      choice.save();
      out.printf(
          "%s %s (%d bytes, %.0f s, -std=%s)%n",
          r.reused() ? "reused" : "built",
          r.library(),
          Files.size(r.library()),
          r.seconds(),
          r.std());
      out.printf(
          "recorded in %s: torch %s %s from %s%n",
          NativeChoice.file(), t.version(), choice.settings().get("PYTORCH_FLAVOR"), t.lib());
      return 0;
    }

    private static List<Path> jnaPath(TorchInstall t) {
      return NativeChoice.cudaLibraries(t);
    }
  }

  /** {@code native show}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print the recorded PyTorch choice, if any.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.println(DoctorCommand.choiceLine());
      NativeChoice.load()
          .ifPresent(c -> c.settings().forEach((k, v) -> out.printf("  %s=%s%n", k, v)));
      return 0;
    }
  }

  /** {@code native reset}. */
  @Command(
      name = "reset",
      mixinStandardHelpOptions = true,
      description = "Forget the recorded choice: commands load DJL's stock PyTorch 2.7.1 again.")
  static final class Reset implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      boolean had = Files.deleteIfExists(NativeChoice.file());
      spec.commandLine()
          .getOut()
          .println(
              had
                  ? "removed " + NativeChoice.file() + ": commands use the stock PyTorch again"
                  : "no choice recorded ("
                      + NativeChoice.file()
                      + "): commands use the stock PyTorch");
      return 0;
    }
  }
}
