package org.scalecast.harness.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.harness.data.BpeTokenizer;
import org.scalecast.models.Gpt;
import org.scalecast.models.GptConfig;

/**
 * The exported folder loaded by transformers itself ({@code AutoModelForCausalLM}, {@code
 * AutoTokenizer}): same logits and token ids. Needs a Python with transformers and torch, named by
 * {@code SCALECAST_PYTHON} (default {@code python3}); skipped, saying so, where there is none.
 */
@Tag("engine")
class TransformersExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCRIPT =
      """
      import json, sys, torch
      from transformers import AutoModelForCausalLM, AutoTokenizer
      folder, given = sys.argv[1], json.load(open(sys.argv[2]))
      model = AutoModelForCausalLM.from_pretrained(folder).eval()
      tok = AutoTokenizer.from_pretrained(folder)
      with torch.no_grad():
          logits = model(torch.tensor(given["ids"])).logits
      ids = [tok(t, add_special_tokens=False)["input_ids"] for t in given["texts"]]
      print(json.dumps({"model": type(model).__name__, "logits": logits.flatten().tolist(),
                        "ids": ids, "decoded": [tok.decode(i) for i in ids]}))
      """;

  static String python() {
    String p = System.getenv("SCALECAST_PYTHON");
    return p == null || p.isBlank() ? "python3" : p;
  }

  @Test
  void transformersLoadsTheFolderWithTheSameLogitsAndIds(@TempDir Path dir) throws Exception {
    String why = missing();
    Assumptions.assumeTrue(why == null, why);
    BpeTokenizer bpe = BpeTokenizer.train(TokenizerJsonTest.corpus(), 420);
    long[][] ids = ExportFixtures.batch(16, 420);
    float[] want;
    try (NDManager m = NDManager.newBaseManager()) {
      Gpt live =
          ExportFixtures.perturbed(
              m, new GptConfig(420, 16, 2, 2, 24, GptConfig.HeadTying.UNTIED), 3);
      HfExport.write(live, bpe, m, Map.of(), dir.resolve("model"));
      want = ExportFixtures.logits(live, m, ids).toFloatArray();
    }
    JsonNode got = run(dir, ids);
    assertEquals("GPT2LMHeadModel", got.get("model").asText());
    float[] logits = new float[got.get("logits").size()];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) got.get("logits").get(i).asDouble();
    }
    HfExportTest.assertClose(want, logits, 2e-5);
    for (int i = 0; i < TokenizerJsonTest.TEXTS.size(); i++) {
      String text = TokenizerJsonTest.TEXTS.get(i);
      long[] theirs = JSON.treeToValue(got.get("ids").get(i), long[].class);
      assertArrayEquals(Arrays.stream(bpe.encode(text)).asLongStream().toArray(), theirs, text);
      assertEquals(text, got.get("decoded").get(i).asText());
    }
  }

  private static JsonNode run(Path dir, long[][] ids) throws Exception {
    Path script = dir.resolve("load.py");
    Files.writeString(script, SCRIPT);
    Path input = dir.resolve("input.json");
    JSON.writeValue(input.toFile(), Map.of("ids", ids, "texts", TokenizerJsonTest.TEXTS));
    ProcessBuilder pb =
        new ProcessBuilder(
            python(), script.toString(), dir.resolve("model").toString(), input.toString());
    pb.environment().put("HF_HUB_OFFLINE", "1"); // a local folder: never ask the hub
    pb.redirectError(dir.resolve("stderr.txt").toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(
          "transformers failed: " + Files.readString(dir.resolve("stderr.txt")));
    }
    return JSON.readTree(out);
  }

  /** Why the test cannot run here, or null. */
  private static String missing() {
    try {
      Process p =
          new ProcessBuilder(python(), "-c", "import transformers, torch")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return null;
      }
      return python() + " has no transformers and torch (set SCALECAST_PYTHON): skipped";
    } catch (IOException | InterruptedException e) {
      return "no " + python() + " (set SCALECAST_PYTHON to a Python with transformers): skipped";
    }
  }
}
