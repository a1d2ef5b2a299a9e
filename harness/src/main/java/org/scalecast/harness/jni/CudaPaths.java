package org.scalecast.harness.jni;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CUDA folders beside a pip torch: the {@code nvidia/*} packages and the toolkit (GPU_NOTES.md).
 */
final class CudaPaths {
  private CudaPaths() {}

  /**
   * @return include folders: the pip nvidia packages' first, then the toolkit's
   */
  static List<Path> includes(TorchInstall torch) {
    List<Path> out = nvidia(torch, "include");
    Path home = Programs.cudaHome();
    if (home != null && Files.isDirectory(home.resolve("include"))) {
      out.add(home.resolve("include"));
    }
    return out;
  }

  /**
   * DJL's CUDA queries (GPU count, memory) load libcudart through JNA (GPU_NOTES.md).
   *
   * @return library folders for {@code jna.library.path}
   */
  static List<Path> libraries(TorchInstall torch) {
    List<Path> out = nvidia(torch, "lib");
    Path home = Programs.cudaHome();
    if (home != null && Files.isDirectory(home.resolve("lib64"))) {
      out.add(home.resolve("lib64"));
    }
    return out;
  }

  private static List<Path> nvidia(TorchInstall torch, String sub) {
    List<Path> out = new ArrayList<>();
    Path site = torch.sitePackages();
    if (site == null || !Files.isDirectory(site.resolve("nvidia"))) {
      return out;
    }
    try (Stream<Path> pkgs = Files.list(site.resolve("nvidia"))) {
      pkgs.sorted().map(p -> p.resolve(sub)).filter(Files::isDirectory).forEach(out::add);
    } catch (IOException e) {
      return out;
    }
    return out;
  }
}
