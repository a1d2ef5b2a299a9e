package org.scalecast.harness.curves;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.harness.PythonTool;
import org.scalecast.harness.train.RunFolder;

/**
 * TensorBoard's own reader ({@code EventAccumulator}, which checks the CRCs and parses with the
 * real protobuf schema) loads a run folder's curves. Needs a Python with the {@code tensorboard}
 * package ({@link PythonTool}); skipped, saying so, where there is none.
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

  @Test
  void tensorBoardReadsTheRunsCurves(@TempDir Path dir) throws Exception {
    String why = PythonTool.missing("tensorboard");
    Assumptions.assumeTrue(why == null, why);
    Path run = Files.createDirectories(dir.resolve("run"));
    RunFolder folder = new RunFolder(run);
    folder.appendRecord(EventFileTest.record(8, 4.0));
    folder.appendRecord(EventFileTest.record(16, 3.0));
    String out = PythonTool.run(dir, SCRIPT, run.toString());
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
}
