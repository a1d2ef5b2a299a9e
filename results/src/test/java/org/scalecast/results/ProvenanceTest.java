package org.scalecast.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
  @TempDir Path dir;

  /**
   * The commit is the code's checkout's (the launcher's scalecast.home), not the working
   * directory's: a report written from a user's own repository named that repository's commit. Here
   * the working directory is this checkout and scalecast.home a folder outside any git repository,
   * so the commit is unknown; before, it was this checkout's.
   */
  @Test
  void theCommitIsTheCodesCheckoutsNotTheWorkingDirectorys() {
    String before = System.getProperty("scalecast.home");
    try {
      System.setProperty("scalecast.home", dir.toString());
      assertEquals(dir.toString(), Provenance.codeDir());
      assertEquals("unknown", Provenance.capture().gitCommit());
      System.clearProperty("scalecast.home");
      assertTrue(Files.isDirectory(Path.of(Provenance.codeDir())), Provenance.codeDir());
    } finally {
      if (before == null) {
        System.clearProperty("scalecast.home");
      } else {
        System.setProperty("scalecast.home", before);
      }
    }
  }
}
