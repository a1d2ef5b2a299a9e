package org.scalecast.harness.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.results.InputException;

/** The JNI header written from DJL's jar, the checks on inputs, and their one-line errors. */
class JniHeaderTest {
  @TempDir Path dir;

  @Test
  void manglesAsTheJniSpecificationSays() {
    assertEquals("torch_1foo", JniHeader.mangle("torch_foo"));
    assertEquals("JLjava_lang_String_2_3J", JniHeader.mangle("JLjava/lang/String;[J"));
    assertEquals("a_000e9", JniHeader.mangle("a\u00e9"));
  }

  @Test
  void declaresEveryNativeMethodOfTheJarWithOverloadsSuffixed() {
    String h = JniHeader.text();
    int natives = JniHeader.nativeCounts().values().stream().mapToInt(Integer::intValue).sum();
    assertEquals(natives, h.split("JNIEXPORT ", -1).length - 1);
    assertTrue(natives > 200, "DJL 0.35.1 has 265 native methods, found " + natives);
    // torchSum is overloaded in 0.35.1: both carry their argument descriptor
    assertTrue(h.contains("Java_ai_djl_pytorch_jni_PyTorchLibrary_torchSum__J\n"), h);
    assertEquals(NativeChoice.DJL_VERSION, ai.djl.engine.Engine.getDjlVersion());
  }

  @Test
  void equalsJavacHeaderForTheDjlSources() throws IOException {
    Path src = Child.input("SCALECAST_TEST_DJL_SOURCE", "djl-src");
    assumeTrue(
        Files.isDirectory(src),
        "no DJL v0.35.1 checkout at " + src + " (see docs/gpus-and-clusters.md)");
    DjlSources s = DjlSources.check(src);
    s.requireSameNatives(JniHeader.nativeCounts());
    ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
    int rc =
        javac.run(
            System.out,
            System.err,
            "-h",
            dir.toString(),
            "-d",
            dir.resolve("cls").toString(),
            src.resolve(DjlSources.LIBRARY).toString());
    assertEquals(0, rc);
    String fromJavac = Files.readString(dir.resolve("ai_djl_pytorch_jni_PyTorchLibrary.h"));
    // javac keeps source order, the jar's reflection does not: compare the declarations as sets
    Set<String> javacOnly = blocks(fromJavac);
    Set<String> ours = blocks(JniHeader.text());
    javacOnly.removeAll(ours);
    ours.removeAll(blocks(fromJavac));
    assertEquals(Set.of(), javacOnly, "javac's, not ours; ours not javac's: " + ours);
  }

  private static Set<String> blocks(String header) {
    String body = header.replace("#ifdef __cplusplus\n}\n#endif\n#endif\n", "");
    return Arrays.stream(body.split("\n/\\*\n"))
        .map(String::strip)
        .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
  }

  @Test
  void aFolderWithoutDjlSourcesIsNamedInOneLine() {
    InputException e = assertThrows(InputException.class, () -> DjlSources.check(dir));
    assertTrue(
        e.getMessage().contains("is not a DJL checkout: engines/pytorch/pytorch-native"),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void aFolderWithoutTorchIsNamedInOneLine() throws IOException {
    InputException e = assertThrows(InputException.class, () -> TorchInstall.locate(dir));
    assertTrue(e.getMessage().startsWith("native build: no lib/libtorch.so under"), e.getMessage());
    Files.createDirectories(dir.resolve("torch/lib"));
    Files.writeString(dir.resolve("torch/lib/libtorch.so"), "");
    e = assertThrows(InputException.class, () -> TorchInstall.locate(dir));
    assertTrue(e.getMessage().contains("has no C++ headers"), e.getMessage());
  }

  @Test
  void readsPipAndLibtorchVersions() throws IOException {
    Path t = dir.resolve("site/torch");
    Files.createDirectories(t.resolve("lib"));
    Files.createDirectories(t.resolve("include/ATen"));
    Files.writeString(t.resolve("lib/libtorch.so"), "");
    Files.writeString(t.resolve("include/ATen/ATen.h"), "");
    Files.writeString(
        t.resolve("version.py"), "__version__ = '2.11.0+cu130'\ncuda: Optional[str] = '13.0'\n");
    TorchInstall pip = TorchInstall.locate(dir.resolve("site"));
    assertEquals(new TorchInstall(t, "2.11.0", "cu130"), pip);
    assertEquals(t.getParent(), pip.sitePackages());
    Files.delete(t.resolve("version.py"));
    Files.writeString(t.resolve("build-version"), "2.7.1+cpu\n");
    assertEquals(new TorchInstall(t, "2.7.1", null), TorchInstall.locate(t));
  }
}
