package org.scalecast.harness.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.harness.jni.Child;
import org.scalecast.harness.jni.Programs;

/**
 * Issue 12, item 2: the bundle is under 40 MiB, and unpacked with no Java on the PATH it runs
 * doctor, the smoke sweep and a prediction on its own runtime. The native library is DJL's stock
 * CPU libtorch (the one this JVM extracted), named through DJL's PYTORCH_* variables, as a GPU node
 * names its own torch. Compressed parts are cached (~/.cache/scalecast/bundle), so only the first
 * run on a machine pays for xz; the test uses preset 6 (the command's default 9 is smaller still).
 */
class BundleTest {
  @TempDir Path dir;

  @Test
  void bundleRunsDoctorSweepAndPredictionWithoutJavaOnThePath() throws Exception {
    Path root = Child.root();
    Path archive = dir.resolve("scalecast.tar.xz");
    long size =
        new Bundle(cache(), 6)
            .write(
                Bundle.runtimeJars(runtimeClasspath(root)),
                root,
                archive,
                new PrintWriter(System.out, true));
    System.out.printf("bundle: %.2f MiB%n", size / 1048576.0);
    assertTrue(size <= Bundle.LIMIT_BYTES, "bundle " + size + " bytes, over 40 MiB");

    Path home = unpack(archive).resolve("scalecast");
    assertFalse(Files.exists(home.resolve("lib/pytorch-native-cpu-2.7.1-linux-x86_64.jar")));
    Map<String, String> env = noJavaEnv();
    Child.Result doctor = run(home, env, "doctor");
    assertTrue(doctor.out().contains("engine:          PyTorch 2.7.1"), doctor.out());
    assertTrue(
        doctor.out().contains("ok: training runs on the CPU")
            || doctor.out().contains("GPUs:            0"),
        doctor.out());

    Path runs = dir.resolve("runs");
    run(
        home,
        env,
        "sweep",
        "run",
        home.resolve("configs/smoke.yaml").toString(),
        "--out",
        runs.toString());
    Path table = dir.resolve("table.csv");
    run(home, env, "results", "collect", runs.toString(), "--out", table.toString());
    Path fit = dir.resolve("fit.json");
    run(
        home,
        env,
        "fit",
        "--data",
        table.toString(),
        "--law",
        "power",
        "--map",
        "C=flops,L=val_loss_mix",
        "--out",
        fit.toString());
    Child.Result p = run(home, env, "predict", "--fit", fit.toString(), "--at", "C=1e15", "--json");
    assertTrue(p.out().contains("\"predicted\""), p.out());
  }

  private static Child.Result run(Path home, Map<String, String> env, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of(home.resolve("scalecast").toString()));
    cmd.addAll(List.of(args));
    Child.Result r = Child.run(cmd, env, 600);
    assertEquals(0, r.code(), String.join(" ", args) + ":\n" + r.out());
    return r;
  }

  /**
   * @return an environment whose PATH holds only sh and dirname (what the launcher needs), so no
   *     java, javac or mvn can be found; the stock CPU libtorch named through DJL's variables
   */
  private Map<String, String> noJavaEnv() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("sh", "dirname")) {
      Files.createSymbolicLink(bin.resolve(tool), Programs.onPath(tool));
    }
    Map<String, String> env = new HashMap<>();
    env.put("PATH", bin.toString());
    env.put("JAVA_HOME", null);
    for (String tool : List.of("java", "javac", "mvn")) {
      assertFalse(Files.exists(bin.resolve(tool)), tool);
    }
    Engine.getInstance(); // extracts DJL's CPU libtorch from the jar, as a fresh clone needs
    env.put("PYTORCH_LIBRARY_PATH", LibUtils.getLibtorchPath());
    env.put("PYTORCH_VERSION", "2.7.1");
    env.put("PYTORCH_FLAVOR", "cpu");
    env.put("SCALECAST_NATIVE_DIR", dir.resolve("native").toString());
    return env;
  }

  /**
   * @return the harness classes and harness/target/classpath.txt (written before the tests)
   */
  private static List<Path> runtimeClasspath(Path root) throws IOException {
    List<Path> cp = new ArrayList<>(List.of(root.resolve("harness/target/classes")));
    for (String e :
        Files.readString(root.resolve("harness/target/classpath.txt"))
            .strip()
            .split(File.pathSeparator)) {
      cp.add(Path.of(e));
    }
    return cp;
  }

  /** tar -xJf as a user unpacks it; without xz-utils (CI may lack it), commons-compress. */
  private Path unpack(Path archive) throws Exception {
    Path to = Files.createDirectories(dir.resolve("unpacked"));
    if (Programs.onPath("xz") == null) {
      javaUnpack(archive, to);
      return to;
    }
    Child.Result r =
        Child.run(List.of("tar", "-xJf", archive.toString(), "-C", to.toString()), Map.of(), 120);
    assertEquals(0, r.code(), r.out());
    return to;
  }

  private static void javaUnpack(Path archive, Path to) throws IOException {
    try (var in =
        new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
            new org.apache.commons.compress.compressors.xz.XZCompressorInputStream(
                new java.io.BufferedInputStream(Files.newInputStream(archive)), true))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path f = to.resolve(e.getName());
        Files.createDirectories(f.getParent());
        Files.copy(in, f);
        f.toFile().setExecutable((e.getMode() & 0100) != 0);
      }
    }
  }

  private static Path cache() {
    String env = System.getenv("SCALECAST_CACHE");
    return (env != null
            ? Path.of(env)
            : Path.of(System.getProperty("user.home"), ".cache", "scalecast"))
        .resolve("bundle");
  }
}
