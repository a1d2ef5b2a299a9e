package org.scalecast.harness.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Writes {@code scalecast/} as one tar.xz: {@code runtime/} (jlink), {@code lib/} (stored jars and
 * {@code classpath.txt} in the classpath's order), the {@code scalecast} launcher and {@code
 * configs/}. Every part is a separate, cached xz stream ({@link XzParts}).
 */
public final class Bundle {
  /** Issue 12: what a GPU node can carry, with room left for runs. */
  public static final long LIMIT_BYTES = 40L << 20;

  private static final String ROOT = "scalecast/";

  /**
   * Project files the bundle carries: the configs, and the sources configs/smoke.yaml trains on as
   * its code domain (../fit/src/main/java), so the smoke sweep runs from the bundle.
   */
  private static final List<String> HOME_FILES = List.of("configs", "fit/src/main/java");

  private final Path cache;
  private final int preset;

  /**
   * @param cache folder for the runtime and compressed parts
   * @param preset xz preset (9 is smallest; parts are cached, so only new ones cost time)
   */
  public Bundle(Path cache, int preset) {
    this.cache = cache;
    this.preset = preset;
  }

  /**
   * @param classpath the running classpath: jars or classes folders
   * @return it without what a GPU node must not carry: the CPU native jar (about 100 MB; with it a
   *     GPU node trains on its CPU, DJL_NOTES.md) and the 2.7.1 JNI jar (built on the node instead)
   */
  public static List<Path> runtimeJars(List<Path> classpath) {
    return classpath.stream()
        .filter(p -> !p.getFileName().toString().matches("pytorch-(native-cpu|jni)-.*"))
        .toList();
  }

  /**
   * @param jars runtime jars, in classpath order
   * @param home the project folder (configs/ is taken from it)
   * @param out the archive to write
   * @param log progress
   * @return the archive's size in bytes
   */
  public long write(List<Path> jars, Path home, Path out, PrintWriter log) throws IOException {
    Path runtime = Jlink.runtime(cache.resolve("runtime"));
    log.printf("bundle: runtime %s, %d jars%n", runtime, jars.size());
    log.flush();
    XzParts xz = new XzParts(cache.resolve("xz"), preset);
    List<java.util.concurrent.Callable<Path>> parts = new ArrayList<>();
    parts.add(() -> xz.compress(runtimeFragment(runtime)));
    for (Path j : jars) {
      parts.add(() -> xz.compress(jarFragment(j)));
    }
    parts.add(() -> xz.compress(smallFiles(jars, home)));
    List<Path> done = runAll(parts);
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (OutputStream o = Files.newOutputStream(tmp)) {
      for (Path p : done) {
        Files.copy(p, o);
      }
      o.write(xzBytes(xz, TarWriter.END));
    }
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return Files.size(out);
  }

  private static byte[] xzBytes(XzParts xz, byte[] fragment) throws IOException {
    return Files.readAllBytes(xz.compress(fragment));
  }

  private static byte[] runtimeFragment(Path runtime) throws IOException {
    TarWriter t = new TarWriter();
    try (Stream<Path> s = Files.walk(runtime)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) { // follows legal/ links
        t.add(
            ROOT + "runtime/" + runtime.relativize(f),
            Files.readAllBytes(f),
            Files.isExecutable(f));
      }
    }
    return t.bytes();
  }

  private static byte[] jarFragment(Path jar) throws IOException {
    TarWriter t = new TarWriter();
    t.add(ROOT + "lib/" + jarName(jar), StoredJar.of(jar), false);
    return t.bytes();
  }

  /**
   * @return the jar's name in lib/: a classes folder becomes its module's name
   */
  static String jarName(Path entry) {
    if (Files.isDirectory(entry)) { // MODULE/target/classes in a development build
      return "scalecast-" + entry.toAbsolutePath().getParent().getParent().getFileName() + ".jar";
    }
    return entry.getFileName().toString();
  }

  private static byte[] smallFiles(List<Path> jars, Path home) throws IOException {
    TarWriter t = new TarWriter();
    StringBuilder cp = new StringBuilder();
    jars.forEach(j -> cp.append(jarName(j)).append('\n'));
    t.add(ROOT + "lib/classpath.txt", cp.toString().getBytes(StandardCharsets.UTF_8), false);
    try (InputStream in = Bundle.class.getResourceAsStream("scalecast.sh")) {
      t.add(ROOT + "scalecast", in.readAllBytes(), true);
    }
    for (String dir : HOME_FILES) {
      try (Stream<Path> s = Files.walk(home.resolve(dir))) {
        for (Path c : s.filter(Files::isRegularFile).sorted().toList()) {
          t.add(ROOT + home.relativize(c), Files.readAllBytes(c), false);
        }
      }
    }
    return t.bytes();
  }

  private static List<Path> runAll(List<java.util.concurrent.Callable<Path>> parts)
      throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try {
      List<Future<Path>> f = new ArrayList<>();
      parts.forEach(p -> f.add(pool.submit(p)));
      List<Path> out = new ArrayList<>();
      for (Future<Path> x : f) {
        out.add(x.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
