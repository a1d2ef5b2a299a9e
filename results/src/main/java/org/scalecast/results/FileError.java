package org.scalecast.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file or folder that could not be written, renamed or created: disk full, permission denied, a
 * read-only file system, a parent that is a file. Its message is one line naming the path and the
 * operation ({@code runs/results.csv: cannot write (No space left on device)}); the command line
 * prints it and exits with code 1. Whatever was there before is left intact ({@link AtomicFiles}).
 */
public final class FileError extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  /**
   * @param path the file or folder
   * @param operation what failed, e.g. "cannot write"
   * @param cause the underlying failure
   */
  public FileError(Path path, String operation, Throwable cause) {
    super(path + ": " + operation + " (" + reason(cause) + ")", io(cause));
  }

  private static IOException io(Throwable t) {
    IOException found = deepestIo(t);
    return found != null ? found : new IOException(CsvTables.oneLine(t), t);
  }

  private static IOException deepestIo(Throwable t) {
    IOException found = null;
    for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof IOException e) {
        found = e;
      }
    }
    return found;
  }

  /**
   * @param t a failure, possibly wrapped (Tablesaw and Jackson wrap the I/O error they met)
   * @return the operating system's reason, in words, without the temporary file's name
   */
  static String reason(Throwable t) {
    IOException e = deepestIo(t);
    if (e == null) {
      return CsvTables.oneLine(t);
    }
    if (e instanceof FileSystemException f) {
      if (f.getReason() != null) {
        return f.getReason().replaceAll("\\s+", " ").trim();
      }
      if (f instanceof AccessDeniedException) {
        return "Permission denied";
      }
      if (f instanceof NoSuchFileException) {
        return "No such file or directory";
      }
      return f.getClass().getSimpleName();
    }
    return CsvTables.oneLine(e);
  }
}
