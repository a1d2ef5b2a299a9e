package org.scalecast.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.results.InputException;

/** The sbatch script, without a cluster: quoting of awkward paths, and the resource checks. */
class SlurmScriptTest {
  @TempDir Path dir;

  @Test
  void pathsWithSpacesAndQuotesMakeAValidScript() throws Exception {
    Path runs = dir.resolve("my runs/o'brien $HOME");
    Files.createDirectories(runs);
    Path job =
        Slurm.writeJob(
            runs,
            dir.resolve("a config's.yaml"),
            dir.resolve("cache dir"),
            List.of("r1", "r2"),
            new Slurm.Options(null, 0, 2, "1:00:00", null));
    String script = Files.readString(job.resolve("job.sbatch"));
    assertTrue(script.contains("#SBATCH --array=0-1"), script);
    assertTrue(script.contains("#SBATCH --output=\"" + job.toAbsolutePath()), script);
    assertTrue(
        script.contains("'" + runs.toAbsolutePath().toString().replace("'", "'\\''") + "'"),
        script);
    Process p = new ProcessBuilder("bash", "-n", job.resolve("job.sbatch").toString()).start();
    assertEquals(0, p.waitFor(), new String(p.getErrorStream().readAllBytes()));
    assertEquals(List.of("r1", "r2"), Files.readAllLines(job.resolve("runs.txt")));
  }

  @Test
  void aRunUsesOneGpuAtMost() {
    InputException e =
        assertThrows(InputException.class, () -> new Slurm.Options(null, 2, 1, null, null));
    assertTrue(e.getMessage().contains("--gpus-per-run must be 0 or 1"), e.getMessage());
  }
}
