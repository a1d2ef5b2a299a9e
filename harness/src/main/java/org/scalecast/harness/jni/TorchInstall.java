package org.scalecast.harness.jni;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scalecast.results.InputException;

/**
 * A PyTorch installation to build against and load: a pip or conda torch (its {@code
 * site-packages/torch}) or a libtorch folder.
 *
 * @param dir the folder holding {@code lib/libtorch.so} and {@code include/}
 * @param version e.g. {@code 2.13.0} (the local part, {@code +cpu}, dropped: DJL's cache folder
 *     names use the plain version)
 * @param cudaTag e.g. {@code cu130} for a CUDA build, else null
 */
public record TorchInstall(Path dir, String version, String cudaTag) {
  private static final Pattern PIP_VERSION =
      Pattern.compile("^__version__\\s*=\\s*['\"]([^'\"]+)['\"]", Pattern.MULTILINE);
  private static final Pattern PIP_CUDA =
      Pattern.compile("^cuda\\s*(?::\\s*\\S+\\s*)?=\\s*['\"](\\d+)\\.(\\d+)", Pattern.MULTILINE);

  /**
   * @return the folder DJL loads from ({@code PYTORCH_LIBRARY_PATH})
   */
  public Path lib() {
    return dir.resolve("lib");
  }

  /**
   * @return the C++ headers
   */
  public Path include() {
    return dir.resolve("include");
  }

  /**
   * @return whether this torch has CUDA libraries
   */
  public boolean hasCuda() {
    return Files.exists(lib().resolve("libtorch_cuda.so"));
  }

  /**
   * @return the {@code site-packages} folder beside a pip torch (its {@code nvidia/*} packages hold
   *     the CUDA headers and runtime libraries), or null for a libtorch folder
   */
  public Path sitePackages() {
    return dir.getFileName().toString().equals("torch") ? dir.getParent() : null;
  }

  /**
   * @param given what the user named: a {@code site-packages} folder, a torch folder, a venv or
   *     conda environment, or a libtorch folder
   * @return the installation
   * @throws InputException when none of those forms holds {@code libtorch.so}, or it has no headers
   */
  public static TorchInstall locate(Path given) {
    Path dir = torchDir(given.toAbsolutePath().normalize());
    if (dir == null) {
      throw new InputException(
          "native build: no lib/libtorch.so under "
              + given
              + " (give a site-packages folder holding torch/, the torch folder, a venv or conda"
              + " environment, or a libtorch folder)");
    }
    if (!Files.exists(dir.resolve("include/ATen/ATen.h"))) {
      throw new InputException(
          "native build: torch at " + dir + " has no C++ headers (include/ATen/ATen.h missing)");
    }
    String[] v = version(dir);
    return new TorchInstall(dir, v[0], v[1]);
  }

  private static Path torchDir(Path given) {
    for (Path c : List.of(given.resolve("torch"), given)) {
      if (Files.exists(c.resolve("lib/libtorch.so"))) {
        return c;
      }
    }
    // a venv or conda environment: lib/pythonX.Y/site-packages/torch
    try (Stream<Path> py = Files.list(given.resolve("lib"))) {
      return py.map(p -> p.resolve("site-packages/torch"))
          .filter(p -> Files.exists(p.resolve("lib/libtorch.so")))
          .sorted()
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * @return {version, cuda tag or null}, from a pip torch's version.py or libtorch's build-version
   */
  private static String[] version(Path dir) {
    try {
      Path py = dir.resolve("version.py");
      if (Files.exists(py)) {
        String s = Files.readString(py);
        Matcher v = PIP_VERSION.matcher(s);
        Matcher c = PIP_CUDA.matcher(s);
        if (v.find()) {
          return split(v.group(1), c.find() ? "cu" + c.group(1) + c.group(2) : null);
        }
      }
      Path bv = dir.resolve("build-version");
      if (Files.exists(bv)) {
        return split(Files.readString(bv).strip(), null);
      }
    } catch (IOException e) {
      throw new InputException("native build: cannot read torch's version under " + dir, e);
    }
    throw new InputException(
        "native build: no version.py or build-version under " + dir + " to tell torch's version");
  }

  private static String[] split(String full, String cuda) {
    int plus = full.indexOf('+');
    String local = plus < 0 ? "" : full.substring(plus + 1);
    String tag = cuda != null ? cuda : local.matches("cu\\d+") ? local : null;
    return new String[] {plus < 0 ? full : full.substring(0, plus), tag};
  }
}
