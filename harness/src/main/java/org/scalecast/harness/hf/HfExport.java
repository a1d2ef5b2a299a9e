package org.scalecast.harness.hf;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.scalecast.harness.data.Tokenizer;
import org.scalecast.models.Gpt;
import org.scalecast.results.AtomicFiles;

/**
 * Writes a model and its tokenizer as a GPT-2 folder that transformers loads with {@code
 * from_pretrained}: config.json, model.safetensors, tokenizer.json, tokenizer_config.json. Every
 * file is built before the first is written, so a refusal leaves the folder as it was.
 */
public final class HfExport {
  /** The files written, in order. */
  public static final List<String> FILES =
      List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json");

  private static final ObjectWriter JSON = new ObjectMapper().writerWithDefaultPrettyPrinter();

  private HfExport() {}

  /**
   * @param model the model, weights loaded
   * @param tokenizer the tokenizer it was trained with
   * @param manager a manager for probes
   * @param provenance extra config.json keys (run id, step)
   * @param out the folder, created if needed
   * @throws org.scalecast.results.InputException naming what GPT-2 cannot represent
   */
  public static void write(
      Gpt model, Tokenizer tokenizer, NDManager manager, Map<String, Object> provenance, Path out)
      throws JsonProcessingException {
    if (tokenizer.vocabSize() != model.config().vocabSize()) {
      throw Gpt2Layout.refusal(
          "tokenizer "
              + tokenizer.spec()
              + " has "
              + tokenizer.vocabSize()
              + " tokens, the model's vocab_size is "
              + model.config().vocabSize());
    }
    byte[] config = JSON.writeValueAsBytes(Gpt2Config.of(model, manager, provenance));
    List<Safetensors.Tensor> tensors = Gpt2Layout.tensors(model);
    byte[] tok = JSON.writeValueAsBytes(TokenizerJson.of(tokenizer));
    byte[] tokConfig = JSON.writeValueAsBytes(TokenizerJson.config(model.config().contextLength()));
    AtomicFiles.write(out.resolve(FILES.get(0)), config);
    AtomicFiles.write(
        out.resolve(FILES.get(1)),
        os -> {
          OutputStream b = new BufferedOutputStream(os, 1 << 16);
          Safetensors.write(tensors, Map.of("format", "pt"), b);
          b.flush();
        });
    AtomicFiles.write(out.resolve(FILES.get(2)), tok);
    AtomicFiles.write(out.resolve(FILES.get(3)), tokConfig);
  }
}
