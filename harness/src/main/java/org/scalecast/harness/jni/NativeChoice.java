package org.scalecast.harness.jni;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The PyTorch that {@code native build} recorded, applied at start-up so that every later command
 * (and the child JVMs of a sweep, which start through the same main) loads it with no environment
 * to set (issue 12). DJL reads each setting from the environment first, then from system
 * properties, so start-up sets the properties. An environment that names any PYTORCH_ variable wins
 * as a whole, so a choice is never half applied.
 *
 * @param settings DJL's variables: PYTORCH_LIBRARY_PATH, PYTORCH_VERSION, PYTORCH_FLAVOR,
 *     ENGINE_CACHE_DIR, and jna.library.path for a CUDA torch
 * @param torch the torch folder built against, for doctor
 */
public record NativeChoice(Map<String, String> settings, String torch) {
  /** The DJL version whose JNI is built (the jars'); DJL looks for {@code <it>-libdjl_torch.so}. */
  public static final String DJL_VERSION = "0.35.1";

  /** The settings DJL reads, in the order doctor prints them. */
  public static final List<String> KEYS =
      List.of(
          "PYTORCH_LIBRARY_PATH",
          "PYTORCH_VERSION",
          "PYTORCH_FLAVOR",
          "ENGINE_CACHE_DIR",
          "jna.library.path");

  /**
   * @return where choices and built libraries live: $SCALECAST_NATIVE_DIR, else ~/.scalecast/native
   */
  public static Path dir() {
    String env = System.getenv("SCALECAST_NATIVE_DIR");
    return env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".scalecast", "native");
  }

  /**
   * @return the record file
   */
  public static Path file() {
    return dir().resolve("native.properties");
  }

  /**
   * @param torch the installation built against
   * @param flavor its flavour
   * @param jna library folders for JNA, or empty
   * @return the choice that loads a JNI installed at {@link #jniPath}
   */
  public static NativeChoice of(TorchInstall torch, Flavor flavor, List<Path> jna) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("PYTORCH_LIBRARY_PATH", torch.lib().toString());
    s.put("PYTORCH_VERSION", torch.version());
    s.put("PYTORCH_FLAVOR", flavor.djlName(torch));
    s.put("ENGINE_CACHE_DIR", dir().toString());
    if (!jna.isEmpty()) {
      s.put("jna.library.path", String.join(":", jna.stream().map(Path::toString).toList()));
    }
    return new NativeChoice(s, torch.dir().toString());
  }

  /**
   * DJL's search order (GPU_NOTES.md) takes the JNI from ENGINE_CACHE_DIR's {@code
   * pytorch/VERSION-FLAVOR-linux-x86_64/}: the user's torch folder stays untouched.
   *
   * @return where DJL will look for this choice's JNI
   */
  public Path jniPath() {
    return Path.of(
        settings.get("ENGINE_CACHE_DIR"),
        "pytorch",
        settings.get("PYTORCH_VERSION") + "-" + settings.get("PYTORCH_FLAVOR") + "-linux-x86_64",
        DJL_VERSION + "-libdjl_torch.so");
  }

  /** Writes the record file. */
  public void save() throws IOException {
    Properties p = new Properties();
    p.putAll(settings);
    p.put("torch", torch);
    Files.createDirectories(dir());
    Path tmp = Files.createTempFile(dir(), "native", ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp)) {
      p.store(
          w,
          "scalecast native build: the PyTorch every command loads ('scalecast native reset' removes it)");
    }
    Files.move(
        tmp,
        file(),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * @return the recorded choice, if any
   */
  public static Optional<NativeChoice> load() {
    if (!Files.exists(file())) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file())) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> s = new LinkedHashMap<>();
    KEYS.forEach(
        k -> {
          if (p.getProperty(k) != null) {
            s.put(k, p.getProperty(k));
          }
        });
    return Optional.of(new NativeChoice(s, p.getProperty("torch", "")));
  }

  /**
   * @param torch a CUDA torch
   * @return the folders JNA searches for libcudart (GPU_NOTES.md)
   */
  public static List<Path> cudaLibraries(TorchInstall torch) {
    return CudaPaths.libraries(torch);
  }

  /**
   * @return whether the environment names a PyTorch itself (then the record is not applied)
   */
  public static boolean environmentOverrides() {
    return KEYS.stream().anyMatch(k -> k.startsWith("PYTORCH_") && System.getenv(k) != null);
  }

  /**
   * Applies the recorded choice as system properties, before DJL loads its engine; properties
   * already set on the command line are kept.
   *
   * @return the choice applied, if any
   */
  public static Optional<NativeChoice> apply() {
    if (environmentOverrides()) {
      return Optional.empty();
    }
    Optional<NativeChoice> c = load();
    c.ifPresent(
        n ->
            n.settings.forEach(
                (k, v) -> {
                  if (System.getProperty(k) == null) {
                    System.setProperty(k, v);
                  }
                }));
    return c;
  }
}
