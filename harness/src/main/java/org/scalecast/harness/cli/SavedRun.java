package org.scalecast.harness.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scalecast.harness.data.Datasets;
import org.scalecast.harness.data.Tokenizer;
import org.scalecast.harness.sweep.RunSpec;
import org.scalecast.harness.train.RunFolder;
import org.scalecast.models.Gpt;
import org.scalecast.results.InputException;
import org.scalecast.results.RecordLog;
import org.scalecast.results.RunManifest;

/**
 * A trained run opened again for {@code eval} and {@code export}: its spec, its data or tokenizer
 * rebuilt from the cache exactly as training built them, and its weights on demand.
 *
 * @param dir the run folder
 * @param spec the run's resolved spec
 * @param cache the data cache
 */
record SavedRun(Path dir, RunSpec spec, Path cache) {
  /**
   * @param dir a run folder
   * @param cache the data cache option, or null for the default
   * @return the run
   * @throws InputException when the folder is not a run
   */
  static SavedRun open(Path dir, Path cache) throws IOException {
    if (!Files.isRegularFile(dir.resolve(RunManifest.FILE))) {
      throw new InputException(dir + ": not a run folder (no " + RunManifest.FILE + ")");
    }
    RunManifest m = RunManifest.read(dir);
    RunSpec rs = RecordLog.JSON.treeToValue(m.spec(), RunSpec.class);
    return new SavedRun(dir, rs, SweepCommand.cache(cache));
  }

  /**
   * @return its tokenized domains (token files read or rebuilt)
   */
  Datasets.Prepared data() {
    return Datasets.prepare(spec.data().domains(), spec.data().tokenizer(), cache);
  }

  /**
   * @return its tokenizer alone
   */
  Tokenizer tokenizer() {
    return Datasets.tokenizer(spec.data().domains(), spec.data().tokenizer(), cache);
  }

  /**
   * @param base the manager to hold the weights
   * @param checkpoint a checkpoint step, or null for the latest saved state
   * @return the model with those weights
   */
  Gpt model(NDManager base, Long checkpoint) throws IOException {
    Gpt model = new Gpt(spec.model());
    model.initialize(base, DataType.FLOAT32, new Shape(1, spec.model().contextLength()));
    new RunFolder(dir).loadWeights(model, base, checkpoint);
    return model;
  }
}
