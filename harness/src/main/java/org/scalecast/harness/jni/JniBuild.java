package org.scalecast.harness.jni;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compiles DJL's JNI library with plain g++, as GPU_NOTES.md found to work (DJL's cmake route fails
 * on a pip CUDA torch: unresolved nvrtc, no cuBLAS headers, FindJNI wants a JDK). An unchanged
 * build (same sources, torch, flags and compiler) is reused, not recompiled.
 */
public final class JniBuild {
  private final DjlSources src;
  private final TorchInstall torch;
  private final Flavor flavor;
  private final String cxx;

  /** A compiler or linker error, with the end of its output. */
  public static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message);
    }
  }

  /**
   * @param library the library written
   * @param reused whether an identical earlier build was kept
   * @param seconds wall time
   * @param std the C++ standard used
   */
  public record Result(Path library, boolean reused, double seconds, String std) {}

  /**
   * @param src DJL's sources (checked)
   * @param torch the torch to build against
   * @param flavor cpu or cuda
   */
  public JniBuild(DjlSources src, TorchInstall torch, Flavor flavor) {
    this.src = src;
    this.torch = torch;
    this.flavor = flavor;
    this.cxx = Programs.cxx();
  }

  /**
   * @param out where the library goes
   * @param jobs compilers at a time (about 1.5 GB of memory each, GPU_NOTES.md)
   * @param log progress lines
   * @return what was done
   */
  public Result build(Path out, int jobs, PrintWriter log) throws IOException {
    long t0 = System.nanoTime();
    String header = JniHeader.text();
    List<String> flags = flags();
    String key = key(flags, header);
    Path keyFile = out.resolveSibling(out.getFileName() + ".key");
    if (Files.exists(out) && Files.exists(keyFile) && Files.readString(keyFile).equals(key)) {
      return new Result(out, true, (System.nanoTime() - t0) / 1e9, std());
    }
    Files.createDirectories(out.getParent());
    Path obj = Files.createTempDirectory(out.getParent(), ".jni-build");
    try {
      Files.createDirectories(obj.resolve("include"));
      Files.writeString(obj.resolve("include/ai_djl_pytorch_jni_PyTorchLibrary.h"), header);
      List<String> all = new ArrayList<>(flags);
      all.add("-I" + obj.resolve("include"));
      log.printf(
          "native build: %s, -std=%s, %s, %d files, %d jobs%n",
          Programs.firstLine(List.of(cxx, "--version")),
          std(),
          flavor.name().toLowerCase(java.util.Locale.ROOT),
          src.ccFiles().size(),
          jobs);
      log.flush();
      List<Path> objects = compileAll(all, obj, jobs, log);
      try {
        link(objects, obj.resolve("libdjl_torch.so"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while linking", e);
      }
      Files.move(obj.resolve("libdjl_torch.so"), out, StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(keyFile, key);
    } finally {
      deleteTree(obj);
    }
    return new Result(out, false, (System.nanoTime() - t0) / 1e9, std());
  }

  /**
   * @return -std=gnu++20 when torch's headers refuse older (torch 2.14, GPU_NOTES.md), else 17
   */
  String std() {
    try {
      String aten = Files.readString(torch.include().resolve("ATen/ATen.h"));
      return aten.contains("C++20 or later") ? "gnu++20" : "gnu++17";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @return compiler flags: GPU_NOTES.md's, which match torch's TorchConfig and DJL's CMakeLists
   */
  List<String> flags() {
    List<String> f =
        new ArrayList<>(
            List.of(
                "-O2",
                "-fPIC",
                "-std=" + std(),
                "-DNDEBUG",
                "-D_GLIBCXX_USE_CXX11_ABI=1",
                "-DUSE_C10D_GLOO",
                "-DUSE_DISTRIBUTED",
                "-DUSE_RPC",
                "-DUSE_TENSORPIPE",
                "-I" + src.nativeDir(),
                "-I" + src.utilsInclude()));
    for (Path p : Programs.jniIncludes()) {
      f.add("-I" + p);
    }
    f.addAll(
        List.of(
            "-isystem",
            torch.include().toString(),
            "-isystem",
            torch.include().resolve("torch/csrc/api/include").toString()));
    if (flavor == Flavor.CUDA) {
      f.add("-DUSE_CUDA");
      for (Path p : CudaPaths.includes(torch)) {
        f.addAll(List.of("-isystem", p.toString()));
      }
    }
    return f;
  }

  private List<Path> compileAll(List<String> flags, Path obj, int jobs, PrintWriter log)
      throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
    try {
      List<Future<Path>> done = new ArrayList<>();
      for (Path cc : src.ccFiles()) {
        done.add(pool.submit(() -> compile(cc, flags, obj, log)));
      }
      List<Path> objects = new ArrayList<>();
      for (Future<Path> f : done) {
        objects.add(get(f));
      }
      return objects;
    } finally {
      pool.shutdownNow();
    }
  }

  private Path compile(Path cc, List<String> flags, Path obj, PrintWriter log)
      throws IOException, InterruptedException {
    String base = cc.getFileName().toString().replaceFirst("\\.cc$", "");
    List<String> cmd =
        new ArrayList<>(
            List.of(cxx, "-c", cc.toString(), "-o", obj.resolve(base + ".o").toString()));
    cmd.addAll(flags);
    long t0 = System.nanoTime();
    run(cmd, obj.resolve(base + ".err"), "compiling " + cc.getFileName());
    synchronized (log) {
      log.printf("  %s.cc %.0f s%n", base, (System.nanoTime() - t0) / 1e9);
      log.flush();
    }
    return obj.resolve(base + ".o");
  }

  private void link(List<Path> objects, Path so) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(cxx, "-shared", "-o", so.toString()));
    objects.forEach(o -> cmd.add(o.toString()));
    cmd.addAll(List.of("-L" + torch.lib(), "-Wl,--no-as-needed"));
    cmd.addAll(
        flavor == Flavor.CUDA
            ? List.of("-ltorch", "-ltorch_cuda", "-ltorch_cpu", "-lc10_cuda", "-lc10")
            : List.of("-ltorch", "-ltorch_cpu", "-lc10"));
    // $ORIGIN as DJL's CMakeLists; DJL loads libtorch itself before the JNI (GPU_NOTES.md)
    cmd.addAll(List.of("-Wl,--as-needed", "-Wl,-rpath,$ORIGIN", "-Wl,-soname,libdjl_torch.so"));
    run(cmd, so.resolveSibling("link.err"), "linking libdjl_torch.so");
  }

  private static void run(List<String> cmd, Path err, String what)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(err.toFile()).start();
    if (p.waitFor() != 0) {
      List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
      throw new Failed(
          "native build: "
              + what
              + " failed:\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
    }
  }

  private static Path get(Future<Path> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }

  /**
   * @return a digest of everything that decides the library's bytes
   */
  private String key(List<String> flags, String header) throws IOException {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(
          (String.join(" ", flags)
                  + "\n"
                  + Programs.firstLine(List.of(cxx, "--version"))
                  + "\n"
                  + torch
                  + flavor
                  + "\n"
                  + header)
              .getBytes(StandardCharsets.UTF_8));
      for (Path cc : src.ccFiles()) {
        d.update(Files.readAllBytes(cc));
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
