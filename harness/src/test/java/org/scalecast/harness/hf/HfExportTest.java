package org.scalecast.harness.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.scalecast.harness.data.BpeTokenizer;
import org.scalecast.harness.data.ByteTokenizer;
import org.scalecast.models.Gpt;
import org.scalecast.models.GptConfig;
import org.scalecast.results.InputException;

/** The exported folder read back: same logits, GPT-2's config, refusals that write nothing. */
@Tag("engine")
class HfExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static GptConfig tiny(GptConfig.HeadTying head) {
    return new GptConfig(256, 16, 2, 2, 24, head);
  }

  @ParameterizedTest
  @EnumSource(GptConfig.HeadTying.class)
  void safetensorsReadBackGiveTheLiveModelsLogits(GptConfig.HeadTying head, @TempDir Path dir)
      throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      Gpt live = ExportFixtures.perturbed(m, tiny(head), 5);
      HfExport.write(live, new ByteTokenizer(), m, Map.of(), dir);
      var read = SafetensorsReader.read(dir.resolve("model.safetensors"));
      assertEquals("pt", read.metadata().get("format"));
      assertEquals(
          head == GptConfig.HeadTying.UNTIED, read.tensors().containsKey("lm_head.weight"));
      assertArrayEquals(
          new long[] {24, 72}, read.tensors().get("transformer.h.1.attn.c_attn.weight").shape());

      long[][] ids = ExportFixtures.batch(16, 256);
      float[] want = ExportFixtures.logits(live, m, ids).toFloatArray();
      Gpt back = ExportFixtures.perturbed(m, tiny(head), 99); // different weights until loaded
      ExportFixtures.load(back, read.tensors());
      assertArrayEquals(want, ExportFixtures.logits(back, m, ids).toFloatArray()); // bit for bit

      JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
      float[] ref = new Gpt2Reference(read.tensors(), config, m).logits(ids).toFloatArray();
      assertClose(want, ref, 2e-5);
    }
  }

  static void assertClose(float[] want, float[] got, double relative) {
    assertEquals(want.length, got.length);
    double scale = 0;
    for (float w : want) {
      scale = Math.max(scale, Math.abs(w));
    }
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], relative * scale, "logit " + i);
    }
  }

  @Test
  void configIsGpt2sWithOurShapeAndEngineFacts(@TempDir Path dir) throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      Gpt live = ExportFixtures.perturbed(m, tiny(GptConfig.HeadTying.TIED), 1);
      HfExport.write(live, new ByteTokenizer(), m, Map.of("scalecast_step", 7), dir);
      JsonNode c = JSON.readTree(dir.resolve("config.json").toFile());
      assertEquals("GPT2LMHeadModel", c.get("architectures").get(0).asText());
      assertEquals(24, c.get("n_embd").asInt());
      assertEquals(2, c.get("n_layer").asInt());
      assertEquals(2, c.get("n_head").asInt());
      assertEquals(16, c.get("n_positions").asInt());
      assertEquals(256, c.get("vocab_size").asInt());
      assertEquals(1e-5, c.get("layer_norm_epsilon").asDouble());
      assertEquals("gelu", c.get("activation_function").asText()); // torch's exact erf GELU
      assertTrue(c.get("tie_word_embeddings").asBoolean());
      assertTrue(c.get("eos_token_id").isNull());
      assertEquals(7, c.get("scalecast_step").asInt());
      JsonNode tc = JSON.readTree(dir.resolve("tokenizer_config.json").toFile());
      assertEquals("PreTrainedTokenizerFast", tc.get("tokenizer_class").asText());
    }
  }

  @Test
  void aTokenizerOfAnotherSizeIsRefusedAndNothingIsWritten(@TempDir Path dir) {
    Path out = dir.resolve("out");
    try (NDManager m = NDManager.newBaseManager()) {
      Gpt live =
          ExportFixtures.perturbed(m, new GptConfig(300, 8, 1, 1, 8, GptConfig.HeadTying.TIED), 1);
      InputException e =
          assertThrows(
              InputException.class,
              () -> HfExport.write(live, new ByteTokenizer(), m, Map.of(), out));
      assertEquals(
          "cannot export as GPT-2: tokenizer bytes has 256 tokens, the model's vocab_size is 300",
          e.getMessage());
      assertFalse(Files.exists(out));
    }
  }

  @Test
  void twoTokensForTheSameBytesAreRefused() {
    // "ab"+"c" and "a"+"bc" both spell abc: tokenizer.json cannot give one string two ids.
    BpeTokenizer t = new BpeTokenizer(new int[][] {{'a', 'b'}, {256, 'c'}, {'b', 'c'}, {'a', 258}});
    InputException e = assertThrows(InputException.class, () -> TokenizerJson.of(t));
    assertEquals(
        "cannot export as GPT-2: BPE tokens 257 and 259 both stand for the bytes of 'abc', and"
            + " tokenizer.json maps each string to one id",
        e.getMessage());
  }

  @Test
  void djlNamesLoseTheirPositions() {
    assertEquals("h10_attn_qkv_weight", Gpt2Layout.strip("12h10_02attn_01qkv_weight"));
    assertEquals("ln_f_gamma", Gpt2Layout.strip("04ln_f_gamma"));
    assertEquals(
        new Gpt2Layout.Target("transformer.h.10.mlp.c_fc.weight", true),
        Gpt2Layout.target("h10_mlp_fc_weight"));
  }
}
