package org.scalecast.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Issue 11: files a user reads are written whole or not at all, and failures name the path. */
class AtomicFilesTest {
  @TempDir Path dir;

  private List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aWriteInterruptedByAnErrorLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path f = dir.resolve("results.csv");
    AtomicFiles.writeString(f, "old,complete\n");
    FileError e =
        assertThrows(
            FileError.class,
            () ->
                AtomicFiles.write(
                    f,
                    out -> {
                      out.write("new,but cut".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("No space left on device");
                    }));
    assertEquals(f + ": cannot write (No space left on device)", e.getMessage());
    assertEquals("old,complete\n", Files.readString(f));
    assertEquals(List.of("results.csv"), names(dir));
  }

  @Test
  void aWriteUnderAFileNamesThePathAndTheOperation() throws IOException {
    Path notAFolder = dir.resolve("file");
    Files.writeString(notAFolder, "x");
    FileError e =
        assertThrows(
            FileError.class, () -> ResultsTable.write(table(3), notAFolder.resolve("results.csv")));
    assertTrue(e.getMessage().startsWith(notAFolder + ": cannot create folder ("), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void aFolderIsReplacedAsAWholeOrNotAtAll() throws IOException {
    Path report = dir.resolve("report");
    AtomicFiles.replaceFolder(
        report,
        "report.md",
        d -> {
          Files.writeString(d.resolve("report.md"), "old");
          Files.writeString(d.resolve("old-only.png"), "old figure");
          return null;
        });
    // A failure half-way: the old folder stays, whole, and no temporary folder is left.
    assertThrows(
        FileError.class,
        () ->
            AtomicFiles.replaceFolder(
                report,
                "report.md",
                d -> {
                  Files.writeString(d.resolve("report.md"), "new");
                  throw new IOException("No space left on device");
                }));
    assertEquals(List.of("old-only.png", "report.md"), names(report));
    assertEquals("old", Files.readString(report.resolve("report.md")));
    assertEquals(List.of("report"), names(dir));
    // Success: the new folder only, never old and new files mixed.
    Path md =
        AtomicFiles.replaceFolder(
            report,
            "report.md",
            d -> {
              Files.writeString(d.resolve("report.md"), "new");
              return report.resolve("report.md");
            });
    assertEquals("new", Files.readString(md));
    assertEquals(List.of("report.md"), names(report));
    assertEquals(List.of("report"), names(dir));
  }

  @Test
  void aSwapKilledBetweenItsRenamesGetsTheOldFolderBack() throws IOException {
    Path report = dir.resolve("report");
    Files.createDirectories(dir.resolve(".report.old"));
    Files.writeString(dir.resolve(".report.old/report.md"), "old");
    Files.createDirectories(dir.resolve(".report.tmp-123"));
    AtomicFiles.replaceFolder(
        report,
        "report.md",
        d -> {
          assertEquals("old", Files.readString(report.resolve("report.md")));
          Files.writeString(d.resolve("report.md"), "new");
          return null;
        });
    assertEquals(List.of("report"), names(dir));
    assertEquals("new", Files.readString(report.resolve("report.md")));
  }

  @Test
  void aFolderOfOtherFilesIsNeverReplaced() throws IOException {
    Files.writeString(dir.resolve("thesis.tex"), "mine");
    InputException e =
        assertThrows(
            InputException.class, () -> AtomicFiles.replaceFolder(dir, "report.md", d -> null));
    assertTrue(e.getMessage().contains("no report.md"), e.getMessage());
    assertEquals("mine", Files.readString(dir.resolve("thesis.tex")));
  }

  /** Before: a full disk mid-write left a cut table ("Error flushing output... recordCount=N"). */
  @Test
  void aFullDiskLeavesThePreviousTableAndSaysWhichFile() throws Exception {
    try (SmallDisk disk = SmallDisk.mount(dir.resolve("small"), "64k")) {
      Path csv = disk.dir().resolve("results.csv");
      ResultsTable.write(table(10), csv);
      String before = Files.readString(csv);
      FileError e = assertThrows(FileError.class, () -> ResultsTable.write(table(20_000), csv));
      assertEquals(csv + ": cannot write (No space left on device)", e.getMessage());
      assertEquals(before, Files.readString(csv));
      assertEquals(List.of("results.csv"), names(disk.dir()));
    }
  }

  @Test
  void aReadOnlyDiskLeavesThePreviousTableAndSaysWhichFile() throws Exception {
    try (SmallDisk disk = SmallDisk.mount(dir.resolve("small"), "64k")) {
      Path csv = disk.dir().resolve("results.csv");
      ResultsTable.write(table(10), csv);
      String before = Files.readString(csv);
      disk.readOnly();
      FileError e = assertThrows(FileError.class, () -> ResultsTable.write(table(11), csv));
      assertEquals(csv + ": cannot write (Read-only file system)", e.getMessage());
      assertEquals(before, Files.readString(csv));
    }
  }

  private static Table table(int rows) {
    StringColumn run = StringColumn.create("run_id");
    DoubleColumn loss = DoubleColumn.create("val_loss_mix");
    for (int i = 0; i < rows; i++) {
      run.append("d64-l3-h4_D1.9e06_text50-code50_s0_" + i);
      loss.append(3.0 + i * 1e-6);
    }
    return Table.create("t", run, loss);
  }

  /**
   * Files and folders are made as any other under the user's umask: temporary files made them 0600
   * and 0700 whatever it was (a bad-input hunt, twentieth session).
   */
  @Test
  void filesAndFoldersTakeTheUmasksPermissions() throws IOException {
    Path plain = Files.createFile(dir.resolve("plain"));
    Path plainDir = Files.createDirectory(dir.resolve("plainDir"));
    // Under umask 077 a temporary file's 0600 is the umask's too: nothing to tell apart.
    assumeTrue(Files.getPosixFilePermissions(plain).size() > 2, "umask 077: every file is private");
    Path f = dir.resolve("results.csv");
    AtomicFiles.writeString(f, "a\n");
    Path report = dir.resolve("report");
    AtomicFiles.replaceFolder(
        report, "report.md", d -> Files.writeString(d.resolve("report.md"), "x"));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f), "a file");
    assertEquals(
        Files.getPosixFilePermissions(plainDir), Files.getPosixFilePermissions(report), "a folder");
  }
}
