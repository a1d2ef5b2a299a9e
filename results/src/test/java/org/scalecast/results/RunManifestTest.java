package org.scalecast.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunManifestTest {
  @TempDir Path dir;

  /** A run.json exactly as the sweep wrote it before the manifest was typed (issue 9). */
  private Path frozenRun() throws IOException {
    Path run = Files.createDirectories(dir.resolve("run"));
    try (InputStream in = getClass().getResourceAsStream("/manifests/run-v1.json")) {
      Files.copy(in, run.resolve(RunManifest.FILE));
    }
    return run;
  }

  @Test
  void readsTheFormatWrittenBeforeItWasTyped() throws IOException {
    RunManifest m = RunManifest.read(frozenRun());
    assertEquals("d24-l2-h2_D2.8e05_text50-code50_s0_b99282", m.runId());
    assertEquals(Role.SAMPLING, m.role());
    assertEquals(14496, ((Number) m.design().get(Columns.N_PARAMS)).intValue());
    assertEquals(6, m.tasks().size());
    RunManifest.TaskInfo cloze = m.tasks().get(0);
    assertEquals(TaskKind.CLOZE, cloze.kind());
    assertEquals("text_cloze_v1_em", cloze.scoreColumn());
    assertEquals("val_loss_text", cloze.domainLoss());
    assertTrue(m.spec().has("model"));
  }

  @Test
  void roundTripsThroughJson() throws IOException {
    RunManifest m = RunManifest.read(frozenRun());
    Path again = Files.createDirectories(dir.resolve("again"));
    Files.writeString(again.resolve(RunManifest.FILE), m.toJson());
    assertEquals(m, RunManifest.read(again));
  }

  @Test
  void aMalformedManifestIsNamed() throws IOException {
    Path run = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(run.resolve(RunManifest.FILE), "{\"run_id\": ");
    InputException e = assertThrows(InputException.class, () -> RunManifest.read(run));
    assertTrue(e.getMessage().startsWith(run.resolve(RunManifest.FILE).toString()), e.getMessage());
  }
}
