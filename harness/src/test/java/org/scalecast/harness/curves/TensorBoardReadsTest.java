package org.scalecast.harness.curves;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.harness.train.RunFolder;

/**
 * TensorBoard's own reader ({@code EventAccumulator}, which checks the CRCs and parses with the
 * real protobuf schema) loads a run folder's curves. Needs a Python with the {@code tensorboard}
 * package, named by {@code SCALECAST_PYTHON} (default {@code python3}); skipped, saying so, where
 * there is none.
 */
class TensorBoardReadsTest {
  private static final String SCRIPT =
      """
      import json, sys
      from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
      acc = EventAccumulator(sys.argv[1], size_guidance={"scalars": 0})
      acc.Reload()
      print(json.dumps({tag: [[e.step, e.value] for e in acc.Scalars(tag)]
                        for tag in acc.Tags()["scalars"]}))
      """;

  static String python() {
    String p = System.getenv("SCALECAST_PYTHON");
    return p == null || p.isBlank() ? "python3" : p;
  }

  @Test
  void tensorBoardReadsTheRunsCurves(@TempDir Path dir) throws Exception {
    String why = missing();
    Assumptions.assumeTrue(why == null, why);
    Path run = Files.createDirectories(dir.resolve("run"));
    RunFolder folder = new RunFolder(run);
    folder.appendRecord(EventFileTest.record(8, 4.0));
    folder.appendRecord(EventFileTest.record(16, 3.0));
    Path script = dir.resolve("read.py");
    Files.writeString(script, SCRIPT);
    Process p =
        new ProcessBuilder(python(), script.toString(), run.toString())
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(
          "tensorboard failed: " + Files.readString(dir.resolve("stderr.txt")));
    }
    JsonNode tags = new ObjectMapper().readTree(out);
    JsonNode train = tags.get("loss/train");
    assertEquals(2, train.size());
    assertEquals(8, train.get(0).get(0).asLong());
    assertEquals(4.0, train.get(0).get(1).asDouble());
    assertEquals(16, train.get(1).get(0).asLong());
    assertEquals(3.0, train.get(1).get(1).asDouble());
    assertEquals(3.2f, (float) tags.get("loss/val_mix").get(1).get(1).asDouble());
    assertEquals(0.25, tags.get("task/text_cloze_v1_em").get(0).get(1).asDouble());
    assertEquals(5000.0, tags.get("train/tokens_per_second").get(1).get(1).asDouble());
  }

  private static String missing() {
    try {
      Process p =
          new ProcessBuilder(python(), "-c", "import tensorboard")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return null;
      }
      return python() + " has no tensorboard package (set SCALECAST_PYTHON): skipped";
    } catch (IOException | InterruptedException e) {
      return "no " + python() + " (set SCALECAST_PYTHON to a Python with tensorboard): skipped";
    }
  }
}
