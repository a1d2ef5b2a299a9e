package org.scalecast.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.harness.Main;

/** {@code doctor} on this CPU machine, and {@code mixture optimize} on a synthetic table. */
class DoctorAndMixtureCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  @Tag("engine")
  void doctorDescribesTheCpuEngineAndFailsWhenAGpuIsExpected() {
    Run r = cli("doctor");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("engine:          PyTorch 2.7.1"), r.out());
    assertTrue(r.out().contains("flavour:         cpu"), r.out());
    assertTrue(r.out().contains("GPUs:            0"), r.out());
    Run gpu = cli("doctor", "--expect-gpu");
    assertEquals(1, gpu.code());
    assertTrue(
        gpu.err().contains("a GPU was expected (--expect-gpu) but the engine sees none"),
        gpu.err());
    assertEquals(1, gpu.err().strip().lines().count(), "one line: " + gpu.err());
  }

  /** Domain losses from known power laws in the compute on each source; a task needing code. */
  private Path table() throws IOException {
    StringBuilder sb =
        new StringBuilder(
            "run_id,flops,is_final,mix_text,mix_code,val_loss_text,val_loss_code,code_acc\n");
    for (int size = 0; size < 3; size++) {
      for (double r : new double[] {0, 0.1, 0.25, 0.5, 0.75}) {
        for (int k = 1; k <= 6; k++) {
          double c = 1e15 * Math.pow(10, size) * k / 6;
          double s = (r + 0.01) / 1.02;
          double lt = Math.pow(c / 1e30, -0.05) * Math.pow(1 - s, 0.03);
          double lc = Math.pow(c / 1e28, -0.06) * Math.pow(s, -0.03);
          double acc = 0.25 + 0.7 / (1 + Math.exp(3 * (lc - 3.2)));
          sb.append(
              String.format(
                  Locale.ROOT,
                  "s%d_r%.2f,%.6g,%d,%.2f,%.2f,%.8f,%.8f,%.8f%n",
                  size,
                  r,
                  c,
                  k == 6 ? 1 : 0,
                  1 - r,
                  r,
                  lt,
                  lc,
                  acc));
        }
      }
    }
    Path f = dir.resolve("mixture.csv");
    Files.writeString(f, sb.toString());
    return f;
  }

  @Test
  void mixtureOptimizePredictsEveryShareAndNamesTheBest() throws IOException {
    Path out = dir.resolve("report");
    Run r =
        cli(
            "mixture",
            "optimize",
            table().toString(),
            "--budget",
            "3e17",
            "--task",
            "code_acc:0.25",
            "--bootstrap",
            "30",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("best share r = 0.750"), r.out()); // the task only rewards code
    // The table is made from FLP-M's own law: its backtests choose it for both domains.
    assertEquals(
        2, r.out().lines().filter(l -> l.matches("\\s+flp-m .*<- chosen")).count(), r.out());
    assertTrue(r.out().contains("bootstrap over runs through laws, score maps and objective: 30"));
    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(out.resolve("mixture.json").toFile());
    assertEquals("flp-m", json.at("/laws/val_loss_code/chosen").asText(), json.toString());
    assertEquals(3, json.at("/laws/val_loss_code/backtests").size());
    assertEquals(0.75, json.at("/best").asDouble());
    assertTrue(json.at("/uncertainty/tied").size() >= 1, json.toString());
    assertTrue(
        Files.readString(out.resolve("mixture.csv")).startsWith("r,objective,val_loss_text"));
    assertTrue(Files.size(out.resolve("mixture.png")) > 1000);
  }

  @Test
  void mixtureOptimizeNamesWhatIsMissing() throws IOException {
    Run noTask = cli("mixture", "optimize", table().toString(), "--budget", "3e17");
    assertEquals(2, noTask.code());
    assertTrue(noTask.err().contains("--task COLUMN:CHANCE is needed"), noTask.err());
    Run badDomain =
        cli(
            "mixture",
            "optimize",
            table().toString(),
            "--budget",
            "3e17",
            "--domain",
            "math",
            "--task",
            "code_acc:0.25");
    assertEquals(2, badDomain.code());
    assertTrue(badDomain.err().contains("no column mix_math"), badDomain.err());
    Run badBudget =
        cli("mixture", "optimize", table().toString(), "--budget", "-1", "--task", "code_acc:0.25");
    assertEquals(2, badBudget.code());
    assertTrue(badBudget.err().contains("--budget must be > 0"), badBudget.err());
    Run smallVerify =
        cli(
            "mixture",
            "optimize",
            table().toString(),
            "--budget",
            "1.5e17", // the largest run has 1e17: verification must extrapolate 2x or more
            "--task",
            "code_acc:0.25",
            "--bootstrap",
            "0",
            "--verify");
    assertEquals(2, smallVerify.code());
    assertTrue(
        smallVerify.err().contains("below 2x the sweep's largest run (1.00e+17 FLOPs)"),
        smallVerify.err());
  }

  @Test
  @Tag("engine")
  void gpuPlacementOnAMachineWithoutGpusIsAClearError() {
    Path here = Path.of("").toAbsolutePath(); // tests run in harness/
    Path root = Files.isDirectory(here.resolve("configs")) ? here : here.getParent();
    String smoke = root.resolve("configs/smoke.yaml").toString();
    Run all = cli("sweep", "run", smoke, "--out", dir.resolve("r").toString(), "--devices", "all");
    assertEquals(2, all.code());
    assertTrue(all.err().contains("--devices all: the engine sees 0 GPUs"), all.err());
    Run bad = cli("sweep", "run", smoke, "--out", dir.resolve("r").toString(), "--devices", "0,x");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("expected all or GPU ids like 0,1"), bad.err());
  }
}
