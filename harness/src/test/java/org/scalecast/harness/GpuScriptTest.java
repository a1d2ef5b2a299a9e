package org.scalecast.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gpu/run-on-node.sh, the one command for a GPU node (issue 12), without a GPU: it parses, and its
 * dry run lists every step the issue asks for with the options this branch added. The CPU rehearsal
 * that runs the steps (bash gpu/run-on-node.sh --cpu) is documented in gpu/README.md; it trains, so
 * it is not a unit test.
 */
class GpuScriptTest {
  @TempDir Path out;
  @TempDir Path carry;

  private static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("gpu")) ? here : here.getParent();
  }

  private String bash(String... args) throws Exception {
    return bash(java.util.Map.of(), args);
  }

  private String bash(java.util.Map<String, String> env, String... args) throws Exception {
    var cmd = new java.util.ArrayList<>(java.util.List.of("bash"));
    cmd.addAll(java.util.List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).directory(root().toFile()).redirectErrorStream(true);
    pb.environment().put("OUT", out.toString());
    pb.environment().put("CARRY", carry.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    String text = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), text);
    return text;
  }

  @Test
  void theScriptParses() throws Exception {
    bash("-n", "gpu/run-on-node.sh");
    bash("-n", "gpu/prepare-carry.sh");
  }

  /** A second, short call: ONLY names the steps that run, OSPECS optimizer-compare's shapes. */
  @Test
  void onlyAndOspecsNarrowASecondCall() throws Exception {
    String plan =
        bash(
            java.util.Map.of(
                "ONLY", "unpack,native-build,optimizer-compare", "OSPECS", "d64-l2-h2:64:8"),
            "gpu/run-on-node.sh",
            "--recheck",
            "--dry-run");
    assertTrue(plan.contains("step native-build (limit"), plan);
    assertTrue(plan.contains("then flat, at d64-l2-h2:64:8, two rounds"), plan);
    for (String s :
        new String[] {"doctor", "smoke-kill", "smoke-resume", "smoke-cpu", "bench-fp32"}) {
      assertTrue(plan.contains("step " + s + ": skipped (not in ONLY)"), s + " in\n" + plan);
    }
  }

  @Test
  void itsDryRunListsEveryStepOfTheIssue() throws Exception {
    String plan = bash("gpu/run-on-node.sh", "--dry-run");
    for (String expected :
        new String[] {
          "native build --torch /opt/torch/.venv",
          "--flavor cuda",
          "doctor --expect-gpu",
          "step smoke-kill: sweep run configs/smoke.yaml --device gpu:0, SIGKILL",
          "step smoke-resume",
          "--precision fp32 --sizes",
          "--precision tf32 --sizes",
          "configs/gpu-pack.yaml --device gpu:0 --runs-per-gpu 4",
          "configs/gpu-quick.yaml --device gpu:0 --runs-per-gpu 4"
        }) {
      assertTrue(plan.contains(expected), expected + " in\n" + plan);
    }
    String recheck = bash("gpu/run-on-node.sh", "--recheck", "--dry-run");
    assertTrue(
        recheck.contains("step smoke-cpu: sweep run configs/smoke.yaml --device cpu"), recheck);
    assertTrue(recheck.contains("--precision tf32 --sizes"), recheck);
    assertTrue(
        recheck.contains("step optimizer-compare: bench --optimizer fused, then flat"), recheck);
    assertTrue(recheck.contains("step pack-4: skipped (recheck"), recheck);
    assertTrue(!recheck.contains("configs/gpu-quick.yaml --device"), recheck);
    // The gpu-tagged JUnit tests and the PyTorch peer run on the node when the carry has their
    // files (gpu/prepare-carry.sh), and say why not when it does not.
    assertTrue(recheck.contains("step gpu-tests: skipped (no "), recheck);
    Files.createDirectories(carry.resolve("tests/classes"));
    Files.createDirectories(carry.resolve("peer"));
    Files.writeString(carry.resolve("peer/torch_gpt_bench.py"), "");
    String carried = bash("gpu/run-on-node.sh", "--recheck", "--dry-run");
    assertTrue(
        carried.contains("step gpu-tests: JUnit console launcher, --include-tag gpu"), carried);
    assertTrue(
        carried.contains("gpu/peer-cuda.py --device cuda, then bench --device gpu:0"), carried);
    String cpu = bash("gpu/run-on-node.sh", "--cpu", "--dry-run");
    assertTrue(cpu.contains("native-build: skipped"), cpu);
    assertTrue(cpu.contains("--device cpu --precision tf32"), cpu);
  }
}
