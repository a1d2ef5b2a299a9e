package org.scalecast.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalecast.results.RecordLog;

/**
 * The GPU options on a machine without a GPU (issue 12): --precision and --runs-per-gpu refuse what
 * cannot work before any data is prepared, and bench measures the CPU's own GEMM peak and an MFU
 * per size through the same code path a GPU takes.
 */
class GpuOptionsCliTest {
  private static SweepRunTest.Run cli(String... args) {
    return SweepRunTest.cli(args);
  }

  /**
   * bench --json on tiny shapes (T 16, V 64, B 2), one warmup step (the optimizer binds its layout
   * in it) and two timed ones.
   */
  private static SweepRunTest.Run tinyBench(String... options) {
    List<String> args =
        new ArrayList<>(List.of("bench", "--json", "--warmup", "1", "--steps", "2"));
    args.addAll(List.of(options));
    args.addAll(
        List.of(
            "--context-length",
            "16",
            "--vocab-size",
            "64",
            "--batch-size",
            "2",
            "--matmul-size",
            "64"));
    return cli(args.toArray(String[]::new));
  }

  private static String smoke() {
    return SweepRunTest.root().resolve("configs/smoke.yaml").toString();
  }

  @Test
  void runsPerGpuNeedsAGpuDeviceAndExcludesJobs() {
    SweepRunTest.Run cpu = cli("sweep", "run", smoke(), "--runs-per-gpu", "4");
    assertEquals(2, cpu.code(), cpu.err());
    assertTrue(cpu.err().contains("--runs-per-gpu packs runs on GPUs"), cpu.err());
    SweepRunTest.Run both =
        cli("sweep", "run", smoke(), "--device", "gpu:0", "--runs-per-gpu", "4", "--jobs", "2");
    assertEquals(2, both.code(), both.err());
    assertTrue(both.err().contains("--runs-per-gpu and --jobs: give one"), both.err());
    SweepRunTest.Run zero = cli("sweep", "run", smoke(), "--device", "gpu", "--runs-per-gpu", "0");
    assertTrue(zero.err().contains("--runs-per-gpu must be >= 1"), zero.err());
  }

  @Test
  void anUnknownPrecisionIsOneLine() {
    SweepRunTest.Run r = cli("sweep", "run", smoke(), "--precision", "bf16");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("'bf16': expected fp32 or tf32"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    SweepRunTest.Run b = cli("bench", "--sizes", "256x4");
    assertEquals(2, b.code(), b.err());
    assertTrue(b.err().contains("--sizes '256x4': expected dD-lL-hH"), b.err());
  }

  /** Two sizes against one CPU GEMM peak, in tf32, which the CPU records and ignores. */
  @Tag("engine")
  @Test
  void benchMeasuresTheCpuPeakAndAnMfuPerSize() throws Exception {
    SweepRunTest.Run r = tinyBench("--precision", "tf32", "--sizes", "d32-l2-h2,d64-l2-h2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("no effect on the CPU"), r.err());
    JsonNode a = RecordLog.JSON.readTree(r.out());
    assertEquals(2, a.size(), r.out());
    assertEquals(32, a.get(0).get("model").get("d_model").asInt());
    assertEquals(64, a.get(1).get("model").get("d_model").asInt());
    for (JsonNode o : a) {
      assertEquals("tf32", o.get("precision").asText());
      assertEquals("cpu()", o.get("device").asText());
      double peak = o.get("peak_flops").asDouble();
      assertEquals(a.get(0).get("peak_flops").asDouble(), peak, "one peak for both sizes");
      assertTrue(peak > 1e8, "a measured CPU GEMM peak: " + peak);
      double mfu = o.get("mfu").asDouble();
      assertEquals(o.get("achieved_flops").asDouble() / peak, mfu, 1e-12);
      assertTrue(mfu > 0 && mfu < 1.5, "mfu " + mfu);
    }
  }

  /**
   * A GPU's flat optimizer layout (gathered each step) runs on the CPU through bench --optimizer,
   * records the kernel that ran (flat is the aliased layout here), and leaks no array per step: the
   * arrays alive after the timed steps are those alive after the warmup.
   */
  @Tag("engine")
  @Test
  void benchTimesTheGatheredOptimizerWithoutLeaking() throws Exception {
    for (String k : new String[] {"gathered", "fused", "flat"}) {
      SweepRunTest.Run r = tinyBench("--optimizer", k, "--sizes", "d32-l2-h2");
      assertEquals(0, r.code(), r.err());
      JsonNode o = RecordLog.JSON.readTree(r.out()).get(0);
      assertEquals(k, o.get("optimizer").asText(), "the kernel that ran, as asked: " + r.out());
      assertTrue(o.get("device_memory_mb").isNull(), "no device memory on the CPU: " + r.out());
      assertEquals(
          o.get("live_arrays_after_warmup").asInt(),
          o.get("live_arrays_after_steps").asInt(),
          k + ": arrays leaked per step");
    }
    SweepRunTest.Run bad = cli("bench", "--optimizer", "adam");
    assertEquals(2, bad.code(), bad.err());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
  }
}
