package org.scalecast.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Where an artefact came from. Floating-point results depend on code, libraries and platform, so
 * every artefact records them (Tribuo's {@code ModelProvenance} makes the same argument).
 *
 * @param scalecastVersion this project's version
 * @param gitCommit the commit of the working tree, or "unknown"
 * @param gitDirty whether the working tree had uncommitted changes
 * @param javaVersion the JVM's version
 * @param osArch operating system and architecture
 * @param hostname the machine
 * @param createdAt when the artefact was made (UTC, ISO-8601)
 */
public record Provenance(
    String scalecastVersion,
    String gitCommit,
    boolean gitDirty,
    String javaVersion,
    String osArch,
    String hostname,
    String createdAt) {

  /**
   * @return the provenance of this process, now
   */
  public static Provenance capture() {
    // The code's own checkout, not the working directory: a report written from a user's folder
    // said "git unknown", or named the user's repository's commit (a new user's trial).
    String dir = codeDir();
    String commit = git("-C", dir, "rev-parse", "HEAD");
    String status = git("-C", dir, "status", "--porcelain", "--untracked-files=no");
    return new Provenance(
        projectVersion(),
        commit.isEmpty() ? "unknown" : commit,
        !status.isEmpty(),
        System.getProperty("java.version"),
        System.getProperty("os.name") + "/" + System.getProperty("os.arch"),
        localHostname(),
        Instant.now().toString());
  }

  /**
   * @return this project's version, as the build wrote it into {@code version.properties}; "dev"
   *     when the resource is missing (classes not built by Maven)
   */
  public static String projectVersion() {
    try (InputStream in = Provenance.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        java.util.Properties p = new java.util.Properties();
        p.load(in);
        String v = p.getProperty("version", "");
        if (!v.isEmpty() && !v.startsWith("$")) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through
    }
    String v = Provenance.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * @param dir a folder inside a git working tree
   * @return the commit checked out there, with "-dirty" when tracked files have uncommitted
   *     changes; "unknown" when git or a repository is absent
   */
  public static String commit(Path dir) {
    String commit = git("-C", dir.toString(), "rev-parse", "HEAD");
    if (commit.isEmpty()) {
      return "unknown";
    }
    String status = git("-C", dir.toString(), "status", "--porcelain", "--untracked-files=no");
    return status.isEmpty() ? commit : commit + "-dirty";
  }

  /**
   * @return the folder of scalecast's checkout: the launcher's {@code scalecast.home}, else the
   *     folder this class was loaded from, else the working directory
   */
  static String codeDir() {
    String home = System.getProperty("scalecast.home");
    if (home != null && !home.isBlank()) {
      return home;
    }
    try {
      Path code =
          Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return (Files.isDirectory(code) ? code : code.getParent()).toString();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return ".";
    }
  }

  private static String localHostname() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Runs git in the working directory; empty when git or a repository is absent. */
  private static String git(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "git";
    System.arraycopy(args, 0, cmd, 1, args.length);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "";
      }
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /**
   * @param file a file
   * @return its SHA-256, hex
   */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new InputException(file + ": cannot read (" + CsvTables.oneLine(e) + ")", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
