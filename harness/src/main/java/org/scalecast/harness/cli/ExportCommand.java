package org.scalecast.harness.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scalecast.harness.data.Tokenizer;
import org.scalecast.harness.hf.HfExport;
import org.scalecast.harness.train.RunFolder;
import org.scalecast.models.Gpt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scalecast export}: a run's checkpoint as a Hugging Face GPT-2 folder. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write a run's checkpoint as a GPT-2 folder that Hugging Face transformers loads.",
      "It holds config.json, model.safetensors, tokenizer.json and tokenizer_config.json.",
      "Anything GPT-2 cannot represent is refused with the reason (exit 2)."
    })
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR", description = "A run folder.")
  Path run;

  @Option(
      names = "--checkpoint",
      paramLabel = "STEP",
      description = "Checkpoint step (default: the latest saved state).")
  Long checkpoint;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write.")
  Path out;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Data cache (default: $SCALECAST_CACHE or ~/.cache/scalecast).")
  Path cacheDir;

  @Override
  public Integer call() throws Exception {
    SavedRun saved = SavedRun.open(run, cacheDir);
    Tokenizer tokenizer = saved.tokenizer();
    try (NDManager base = NDManager.newBaseManager(Device.cpu())) {
      Gpt model = saved.model(base, checkpoint);
      Map<String, Object> provenance = new LinkedHashMap<>();
      provenance.put("scalecast_run_id", run.toAbsolutePath().normalize().getFileName().toString());
      provenance.put(
          "scalecast_step",
          checkpoint != null ? checkpoint : new RunFolder(run).readStatus().step());
      provenance.put("scalecast_tokenizer", tokenizer.spec());
      HfExport.write(model, tokenizer, base, provenance, out);
    }
    spec.commandLine()
        .getOut()
        .println("wrote " + String.join(", ", HfExport.FILES) + " to " + out);
    return 0;
  }
}
