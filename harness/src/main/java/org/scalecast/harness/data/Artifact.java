package org.scalecast.harness.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.scalecast.results.InputException;
import org.scalecast.results.Provenance;

/**
 * A package fetched by name and pinned version through its ordinary client, checked against a
 * pinned SHA-256 and cached. Never a web address: the clients resolve their own registries.
 *
 * @param client NPM or MAVEN
 * @param coordinates {@code name@version} for npm, {@code group:artifact:version:jar:sources} for
 *     Maven
 * @param sha256 the expected SHA-256 of the fetched file
 */
public record Artifact(Client client, String coordinates, String sha256) {

  /** The package clients. */
  public enum Client {
    /** npm pack. */
    NPM,
    /** mvn dependency:copy. */
    MAVEN
  }

  /**
   * @return the file name the client writes
   */
  public String fileName() {
    if (client == Client.NPM) {
      // npm pack names @scope/name@v as scope-name-v.tgz
      String[] nv = coordinates.split("@(?=[^@]*$)");
      return nv[0].replace("@", "").replace('/', '-') + "-" + nv[1] + ".tgz";
    }
    String[] c = coordinates.split(":");
    return c[1] + "-" + c[2] + (c.length > 4 ? "-" + c[4] : "") + "." + c[3];
  }

  /**
   * Fetches into the cache unless a verified copy is there.
   *
   * @param cache the download cache
   * @return the verified file
   */
  public Path fetch(Path cache) {
    Path file = cache.resolve(fileName());
    if (Files.isRegularFile(file) && Provenance.sha256(file).equals(sha256)) {
      return file;
    }
    try {
      Files.createDirectories(cache);
    } catch (IOException e) {
      throw new InputException(cache + ": cannot create the data cache (" + e.getMessage() + ")");
    }
    run(command(cache), cache);
    if (!Files.isRegularFile(file)) {
      throw new InputException(
          coordinates + ": the " + client.name().toLowerCase() + " client wrote no " + file);
    }
    String got = Provenance.sha256(file);
    if (!got.equals(sha256)) {
      throw new InputException(
          coordinates + ": SHA-256 " + got + " does not match the pinned " + sha256);
    }
    return file;
  }

  private List<String> command(Path cache) {
    List<String> cmd = new ArrayList<>();
    if (client == Client.NPM) {
      cmd.addAll(
          List.of("npm", "pack", coordinates, "--pack-destination", cache.toString(), "--silent"));
    } else {
      cmd.addAll(
          List.of(
              "mvn",
              "-q",
              "-B",
              "dependency:copy",
              "-Dartifact=" + coordinates,
              "-DoutputDirectory=" + cache,
              "-Dmdep.useBaseVersion=true"));
    }
    return cmd;
  }

  private void run(List<String> cmd, Path dir) {
    String tool = cmd.get(0);
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
        String tail = new String(out).strip();
        tail = tail.substring(Math.max(0, tail.length() - 300)).replaceAll("\\s+", " ");
        throw new InputException(coordinates + ": '" + String.join(" ", cmd) + "' failed: " + tail);
      }
    } catch (IOException e) {
      throw new InputException(
          "fetching "
              + coordinates
              + " needs the '"
              + tool
              + "' client, which is not installed ("
              + (tool.equals("npm")
                  ? "Debian: apt-get install npm"
                  : "Debian: apt-get install maven")
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException(coordinates + ": interrupted while fetching");
    }
  }
}
