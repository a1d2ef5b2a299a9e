package org.scalecast.harness.jni;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scalecast.results.InputException;

/**
 * A checkout of DJL's repository at the tag of the jars (v0.35.1): the 15 C++ files of the PyTorch
 * JNI, DJL's {@code utils.h}, and {@code PyTorchLibrary.java}, whose native methods must be the
 * jar's (GPU_NOTES.md: nothing else checks that the JNI matches). Never vendored (issue 12).
 *
 * @param root the checkout
 */
public record DjlSources(Path root) {
  /** Files DJL 0.35.1's JNI compiles: {@code engines/pytorch/pytorch-native/src/main/native}. */
  public static final int CC_FILES = 15;

  static final String NATIVE = "engines/pytorch/pytorch-native/src/main/native";
  static final String UTILS = "api/src/main/native/djl/utils.h";
  static final String LIBRARY =
      "engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java";
  private static final Pattern NATIVE_METHOD =
      Pattern.compile("\\bnative\\s+[\\w<>\\[\\], ]+\\s(\\w+)\\s*\\(");

  /**
   * @param root the folder the user named
   * @return the checked sources
   * @throws InputException naming the first expected file that is missing
   */
  public static DjlSources check(Path root) {
    if (!Files.isDirectory(root)) {
      throw new InputException("native build: DJL source folder " + root + " does not exist");
    }
    for (String f : List.of(NATIVE, UTILS, LIBRARY)) {
      if (!Files.exists(root.resolve(f))) {
        throw new InputException(
            "native build: "
                + root
                + " is not a DJL checkout: "
                + f
                + " is missing (check out DJL's tag v0.35.1, see docs/gpus-and-clusters.md)");
      }
    }
    DjlSources s = new DjlSources(root.toAbsolutePath().normalize());
    int n = s.ccFiles().size();
    if (n != CC_FILES) {
      throw new InputException(
          "native build: "
              + root.resolve(NATIVE)
              + " holds "
              + n
              + " .cc files, DJL 0.35.1 has "
              + CC_FILES
              + " (check out tag v0.35.1)");
    }
    return s;
  }

  /**
   * @return the C++ files to compile, sorted
   */
  public List<Path> ccFiles() {
    try (Stream<Path> f = Files.list(root.resolve(NATIVE))) {
      return f.filter(p -> p.toString().endsWith(".cc")).sorted().toList();
    } catch (IOException e) {
      throw new InputException("native build: cannot list " + root.resolve(NATIVE), e);
    }
  }

  /**
   * @return the folder holding {@code djl/utils.h}
   */
  public Path utilsInclude() {
    return root.resolve(UTILS).getParent().getParent();
  }

  /**
   * @return the folder of the C++ sources (they include each other's headers)
   */
  public Path nativeDir() {
    return root.resolve(NATIVE);
  }

  /**
   * @return native method name to count (overloads), as declared in PyTorchLibrary.java
   */
  public Map<String, Integer> nativeMethods() {
    try {
      Matcher m = NATIVE_METHOD.matcher(Files.readString(root.resolve(LIBRARY)));
      Map<String, Integer> out = new TreeMap<>();
      while (m.find()) {
        out.merge(m.group(1), 1, Integer::sum);
      }
      return out;
    } catch (IOException e) {
      throw new InputException("native build: cannot read " + root.resolve(LIBRARY), e);
    }
  }

  /**
   * @param jar the jar's native methods (name to count)
   * @throws InputException when the source declares other native methods than the jar that runs
   */
  public void requireSameNatives(Map<String, Integer> jar) {
    Map<String, Integer> src = nativeMethods();
    if (src.equals(jar)) {
      return;
    }
    List<String> onlySrc = new ArrayList<>();
    List<String> onlyJar = new ArrayList<>();
    src.forEach(
        (k, v) -> {
          if (!v.equals(jar.get(k))) {
            onlySrc.add(k);
          }
        });
    jar.forEach(
        (k, v) -> {
          if (!v.equals(src.get(k))) {
            onlyJar.add(k);
          }
        });
    throw new InputException(
        "native build: the DJL sources at "
            + root
            + " do not match the DJL jar on the classpath"
            + " (native methods differing in the source: "
            + onlySrc
            + ", in the jar: "
            + onlyJar
            + "); check out DJL's tag v0.35.1");
  }
}
