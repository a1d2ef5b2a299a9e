package org.scalecast.results;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files a user reads are written whole or not at all. A file is written to a temporary file in the
 * same folder ({@code .NAME.*.tmp}), fsynced, and renamed over the old one (atomic on one file
 * system), then the folder is fsynced: a kill at any moment leaves the old file or the new one,
 * never a cut one. A folder ({@link #replaceFolder}) is built in a sibling temporary folder and
 * swapped in by two renames, the old one kept until the swap. Any failure (disk full, permission
 * denied) is a {@link FileError} naming the path and the operation, and leaves the old file or
 * folder as it was.
 */
public final class AtomicFiles {
  /** Writes a file's content to a stream (which it need not close). */
  @FunctionalInterface
  public interface Body {
    /**
     * @param out the temporary file's stream
     * @throws IOException when writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Fills a folder.
   *
   * @param <T> what it returns
   */
  @FunctionalInterface
  public interface FolderBody<T> {
    /**
     * @param dir an empty temporary folder, the future content of the target folder
     * @return anything; paths in it point into the temporary folder
     * @throws IOException when writing fails
     */
    T writeInto(Path dir) throws IOException;
  }

  /** Names of temporary files: unpredictable, so two writers of one folder never collide. */
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /**
   * @param file the file to replace (its folder is created if needed)
   * @param text its new content, UTF-8
   * @throws FileError naming the file when it cannot be written; the old file is left intact
   */
  public static void writeString(Path file, String text) {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param file the file to replace (its folder is created if needed)
   * @param bytes its new content
   * @throws FileError naming the file when it cannot be written; the old file is left intact
   */
  public static void write(Path file, byte[] bytes) {
    write(file, out -> out.write(bytes));
  }

  /**
   * @param file the file to replace (its folder is created if needed)
   * @param body writes the new content
   * @throws FileError naming the file when it cannot be written; the old file is left intact
   */
  public static void write(Path file, Body body) {
    Path dir = parent(file);
    createFolder(dir);
    Path tmp;
    try {
      tmp = fresh(dir, "." + file.getFileName() + ".", ".tmp", false);
    } catch (IOException | RuntimeException e) {
      throw new FileError(file, "cannot write", e);
    }
    KeepOpen stream = null;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        stream = new KeepOpen(Channels.newOutputStream(ch));
        body.writeTo(stream);
        stream.flush();
        ch.force(true);
      }
      FaultHook.at("atomic-write", file);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp);
      // Writers such as Tablesaw's CSV writer replace the I/O error with their own words.
      throw new FileError(
          file, "cannot write", stream != null && stream.failure != null ? stream.failure : e);
    }
    fsyncFolder(dir);
  }

  /**
   * Replaces a folder as a whole: {@code body} fills a sibling temporary folder ({@code
   * .NAME.tmp-*}), every file in it is fsynced, then the old folder is renamed to {@code
   * .NAME.old}, the new one to NAME, and the old one deleted. A kill leaves the old folder or the
   * new one; one between the two renames leaves {@code .NAME.old}, which the next call (or a user)
   * renames back.
   *
   * @param <T> what the body returns
   * @param dir the folder to replace
   * @param marker a file every such folder holds (e.g. {@code report.md}): an existing non-empty
   *     folder without it is not replaced, so that {@code --out .} never deletes a user's files
   * @param body fills the new folder
   * @return what the body returned
   * @throws InputException when {@code dir} is a file or a non-empty folder without the marker
   * @throws FileError naming the folder when it cannot be written; the old folder is left intact
   */
  public static <T> T replaceFolder(Path dir, String marker, FolderBody<T> body) {
    Path abs = dir.toAbsolutePath().normalize();
    Path parent = parent(abs);
    String name = abs.getFileName().toString();
    Path old = parent.resolve("." + name + ".old");
    if (!Files.exists(abs) && Files.isDirectory(old)) {
      move(old, abs, dir); // a swap killed between its two renames: the old folder comes back
    }
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new InputException(dir + ": is a file, not a folder");
    }
    if (Files.isDirectory(abs) && !Files.exists(abs.resolve(marker)) && !isEmpty(abs)) {
      throw new InputException(
          dir
              + ": a folder with other files in it and no "
              + marker
              + "; it is not replaced (give a new or empty folder)");
    }
    createFolder(parent);
    Path tmp;
    try {
      deleteStale(parent, "." + name + ".tmp-");
      tmp = fresh(parent, "." + name + ".tmp-", "", true);
    } catch (IOException | RuntimeException e) {
      throw new FileError(dir, "cannot write", e);
    }
    T result;
    try {
      result = body.writeInto(tmp);
      try (Stream<Path> files = Files.walk(tmp)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          fsync(f);
        }
      }
      fsyncFolder(tmp);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp);
      if (e instanceof FileError || e instanceof InputException) {
        throw (RuntimeException) e;
      }
      throw new FileError(dir, "cannot write", e);
    }
    FaultHook.at("folder-built", abs);
    try {
      deleteTree(old);
      if (Files.exists(abs)) {
        Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
      }
      FaultHook.at("folder-swap", abs);
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp);
      throw new FileError(dir, "cannot replace", e);
    }
    fsyncFolder(parent);
    deleteQuietly(old);
    return result;
  }

  /**
   * @param f a file whose content must reach the disk
   * @throws IOException when it cannot be synced
   */
  public static void fsync(Path f) throws IOException {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /**
   * Deletes a file or a folder with everything in it; nothing when it does not exist.
   *
   * @param p the path
   * @throws IOException when something cannot be deleted
   */
  public static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

  /**
   * A new file or folder of a random name, made as any other with the user's umask: {@link
   * Files#createTempFile} makes 0600 files and 0700 folders, so every result, report and fit file
   * was private whatever the umask (a bad-input hunt, twentieth session).
   */
  private static Path fresh(Path dir, String prefix, String suffix, boolean folder)
      throws IOException {
    for (int tries = 0; ; tries++) {
      Path p = dir.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix);
      try {
        return folder ? Files.createDirectory(p) : Files.createFile(p);
      } catch (FileAlreadyExistsException e) {
        if (tries >= 100) {
          throw e;
        }
      }
    }
  }

  /** A rename makes the new name durable only once the folder holding it is synced (Linux). */
  private static void fsyncFolder(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      // not every platform can sync a folder; the rename itself already happened
    }
  }

  private static Path parent(Path file) {
    Path p = file.toAbsolutePath().getParent();
    return p == null ? file.toAbsolutePath() : p;
  }

  private static void createFolder(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException | RuntimeException e) {
      throw new FileError(dir, "cannot create folder", e);
    }
  }

  private static void move(Path from, Path to, Path shown) {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new FileError(shown, "cannot restore from " + from.getFileName(), e);
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new FileError(dir, "cannot list", e);
    }
  }

  /** Temporary folders left by killed writers. */
  private static void deleteStale(Path parent, String prefix) throws IOException {
    List<Path> stale;
    try (Stream<Path> s = Files.list(parent)) {
      stale = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
    for (Path p : stale) {
      deleteQuietly(p);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      deleteTree(p);
    } catch (IOException | RuntimeException e) {
      // best effort: a temporary file left behind is hidden and replaced next time
    }
  }

  /**
   * A buffered stream that stays open when a writer (Tablesaw's, Jackson's) closes it, since the
   * channel must stay open to sync, and that remembers the first I/O error it met.
   */
  private static final class KeepOpen extends FilterOutputStream {
    IOException failure;

    KeepOpen(OutputStream out) {
      super(new BufferedOutputStream(out, 1 << 16));
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        throw remember(e);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw remember(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw remember(e);
      }
    }

    @Override
    public void close() throws IOException {
      flush();
    }

    private IOException remember(IOException e) {
      if (failure == null) {
        failure = e;
      }
      return e;
    }
  }
}
