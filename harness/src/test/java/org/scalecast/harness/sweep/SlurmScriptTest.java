package org.scalecast.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  /**
   * Issue 14 item 6: nothing of the login node in the script (its JDK, its Maven cache); java and
   * the classpath are found where the task runs. The script is run as a task would run it, with
   * another HOME and only JAVA_HOME pointing at a JDK, into a runs folder whose path has a space, a
   * quote and a dollar: java starts from the copied lib folder and reads the config (missing here,
   * so it exits 2 naming it).
   */
  @Test
  void theJobFindsJavaAndItsClasspathOnTheComputeNode() throws Exception {
    Path runs = dir.resolve("shared runs/o'brien $HOME");
    Files.createDirectories(runs);
    Path job =
        Slurm.writeJob(
            runs,
            dir.resolve("absent.yaml"),
            dir.resolve("cache"),
            List.of("r1"),
            new Slurm.Options(null, 0, 1, null, null),
            List.of("train.lr=1e-3", "models[0].batch_size=16"));
    String script = Files.readString(job.resolve("job.sbatch"));
    assertFalse(script.contains(System.getProperty("java.home")), script);
    assertFalse(script.contains(".m2"), script);
    assertFalse(script.contains(System.getProperty("java.class.path")), script);
    assertTrue(script.contains("--set 'train.lr=1e-3' --set 'models[0].batch_size=16'"), script);
    Path lib = runs.resolve("slurm/lib");
    List<String> entries = Files.readAllLines(lib.resolve(SlurmLib.LIST));
    assertTrue(entries.stream().allMatch(e -> Files.exists(lib.resolve(e))), entries.toString());
    assertTrue(entries.stream().anyMatch(e -> e.startsWith("pytorch-native")), entries.toString());

    ProcessBuilder pb = new ProcessBuilder("bash", job.resolve("job.sbatch").toString());
    pb.environment().put("HOME", dir.resolve("another home").toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().put("SLURM_ARRAY_TASK_ID", "0");
    pb.environment().put("SLURM_ARRAY_JOB_ID", "1");
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(2, p.waitFor(), out);
    assertTrue(out.contains("absent.yaml: no such config file"), out);
  }

  @Test
  void aRunUsesOneGpuAtMost() {
    InputException e =
        assertThrows(InputException.class, () -> new Slurm.Options(null, 2, 1, null, null));
    assertTrue(e.getMessage().contains("--gpus-per-run must be 0 or 1"), e.getMessage());
  }
}
