package org.scalecast.harness.sweep;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The classpath of this JVM, copied into the runs folder ({@code RUNS_DIR/slurm/lib/}) so that
 * array tasks find it on the shared file system: the login node's Maven cache ({@code ~/.m2}) and
 * build folders may not exist on compute nodes. {@code lib/classpath.txt} lists the entries, in
 * order, relative to the folder; the job script joins them at run time.
 */
final class SlurmLib {
  /** The list of entries inside the lib folder. */
  static final String LIST = "classpath.txt";

  private SlurmLib() {}

  /**
   * Copies jars that are new or changed (by size and modification time; unchanged ones are kept, so
   * a second submission copies almost nothing) and class folders always (they are small).
   *
   * @param lib the lib folder
   * @param classpath entries separated by the path separator, as {@code java.class.path}
   * @return the entries, relative to {@code lib}
   * @throws IOException when a file cannot be copied
   */
  static List<String> stage(Path lib, String classpath) throws IOException {
    Files.createDirectories(lib);
    List<String> names = new ArrayList<>();
    int i = 0;
    for (Path e : entries(classpath)) {
      String name =
          Files.isDirectory(e)
              ? "dir" + i++ + "-" + e.getParent().getFileName() + "-" + e.getFileName()
              : e.getFileName().toString();
      if (!names.contains(name)) {
        copy(e, lib.resolve(name));
        names.add(name);
      }
    }
    Files.write(lib.resolve(LIST), names);
    return names;
  }

  /**
   * The entries that exist, with the {@code Class-Path} of manifest-only jars (Surefire's booter)
   * expanded: copying such a jar alone would keep absolute paths into the login node's files.
   */
  static List<Path> entries(String classpath) throws IOException {
    Set<Path> out = new LinkedHashSet<>();
    for (String s : classpath.split(File.pathSeparator)) {
      Path p = Path.of(s).toAbsolutePath().normalize();
      if (!Files.exists(p)) {
        continue;
      }
      out.add(p);
      if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
        out.addAll(manifestClassPath(p));
      }
    }
    return List.copyOf(out);
  }

  private static List<Path> manifestClassPath(Path jar) throws IOException {
    List<Path> out = new ArrayList<>();
    try (JarFile j = new JarFile(jar.toFile())) {
      Manifest m = j.getManifest();
      String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
      if (cp == null) {
        return out;
      }
      URI base = jar.toUri();
      for (String u : cp.trim().split("\\s+")) {
        Path p = Path.of(base.resolve(u)).normalize();
        if (Files.exists(p)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static void copy(Path from, Path to) throws IOException {
    if (Files.isDirectory(from)) {
      copyTree(from, to);
    } else if (!same(from, to)) {
      Path tmp = to.resolveSibling("." + to.getFileName() + ".tmp");
      Files.copy(
          from, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      // Renamed over the old copy: a task already running keeps the file it opened.
      Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static boolean same(Path a, Path b) throws IOException {
    return Files.isRegularFile(b)
        && Files.size(a) == Files.size(b)
        && Files.getLastModifiedTime(a).equals(Files.getLastModifiedTime(b));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path t = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
