package org.scalecast.harness.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.harness.PythonTool;
import org.scalecast.harness.data.BpeTokenizer;
import org.scalecast.models.Gpt;
import org.scalecast.models.GptConfig;

/**
 * The exported folder loaded by transformers itself ({@code AutoModelForCausalLM}, {@code
 * AutoTokenizer}): same logits and token ids. Needs a Python with transformers and torch ({@link
 * PythonTool}); skipped, saying so, where there is none.
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

  @Test
  void transformersLoadsTheFolderWithTheSameLogitsAndIds(@TempDir Path dir) throws Exception {
    String why = PythonTool.missing("transformers, torch");
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
    Path input = dir.resolve("input.json");
    JSON.writeValue(input.toFile(), Map.of("ids", ids, "texts", TokenizerJsonTest.TEXTS));
    JsonNode got =
        JSON.readTree(
            PythonTool.run(dir, SCRIPT, dir.resolve("model").toString(), input.toString()));
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
}
