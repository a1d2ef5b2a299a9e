package org.scalecast.harness.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.scalecast.results.AtomicFiles;
import org.scalecast.results.RecordLog;
import org.scalecast.results.ResultsTable;
import org.scalecast.results.RunManifest;

/**
 * A run's folder: {@code run.json} (resolved spec, design columns, provenance), {@code
 * status.json}, {@code records.jsonl} and {@code state/} (weights, optimizer moments, counters).
 * State is written to {@code state.tmp/} and swapped in by renames, so a kill at any moment leaves
 * either the old or the new state whole.
 */
public final class RunFolder {
  private final Path dir;

  /**
   * @param dir the folder
   */
  public RunFolder(Path dir) {
    this.dir = dir;
  }

  /**
   * @return the folder
   */
  public Path dir() {
    return dir;
  }

  /**
   * @return the records log
   */
  public RecordLog records() {
    return new RecordLog(dir.resolve(ResultsTable.RECORDS));
  }

  /**
   * @param manifest what run.json holds
   */
  public void writeManifest(RunManifest manifest) throws IOException {
    Files.createDirectories(dir);
    atomicWrite(dir.resolve(RunManifest.FILE), manifest.toJson().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @return the run's manifest
   * @throws org.scalecast.results.InputException when it is missing or malformed
   */
  public RunManifest readManifest() {
    return RunManifest.read(dir);
  }

  /**
   * @param state the state to record
   * @param step steps done
   * @param steps steps in total
   * @param message why, for diverged and failed
   */
  public void writeStatus(RunStatus.State state, long step, long steps, String message)
      throws IOException {
    RunStatus s =
        new RunStatus(
            state, step, steps, message, ProcessHandle.current().pid(), Instant.now().toString());
    atomicWrite(dir.resolve("status.json"), RecordLog.JSON.writeValueAsBytes(s));
  }

  /**
   * @return the status, or pending when the run has none
   */
  public RunStatus readStatus() {
    Path f = dir.resolve("status.json");
    try {
      return Files.isRegularFile(f)
          ? RecordLog.JSON.readValue(f.toFile(), RunStatus.class)
          : RunStatus.pending("");
    } catch (IOException e) {
      return RunStatus.pending("unreadable status.json");
    }
  }

  /**
   * @param model the model
   * @param opt the optimizer
   * @param state the counters
   */
  public void saveState(Block model, AdamW opt, RunState state) throws IOException {
    Path tmp = dir.resolve("state.tmp");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    try (DataOutputStream out = stream(tmp.resolve("model.params"))) {
      writeParams(model, out);
    }
    try (DataOutputStream out = stream(tmp.resolve("optimizer.bin"))) {
      opt.save(out);
    }
    atomicWrite(tmp.resolve("state.json"), RecordLog.JSON.writeValueAsBytes(state));
    fsync(tmp.resolve("model.params"));
    fsync(tmp.resolve("optimizer.bin"));
    Path cur = dir.resolve("state");
    Path old = dir.resolve("state.old");
    deleteTree(old);
    if (Files.exists(cur)) {
      Files.move(cur, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, cur, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  /**
   * Loads the last saved state into the model and optimizer.
   *
   * @param model an initialised model of the same shape
   * @param opt its optimizer
   * @param manager the optimizer's manager
   * @return the counters, or null when nothing was saved
   */
  public RunState loadState(Block model, AdamW opt, NDManager manager) throws IOException {
    Path cur = dir.resolve("state");
    if (!Files.isRegularFile(cur.resolve("state.json"))) {
      cur = dir.resolve("state.old"); // killed between the two renames of saveState
      if (!Files.isRegularFile(cur.resolve("state.json"))) {
        return null;
      }
    }
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(Files.newInputStream(cur.resolve("model.params"))))) {
      loadInto(model, in, manager, cur.resolve("model.params"));
    }
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(Files.newInputStream(cur.resolve("optimizer.bin"))))) {
      opt.load(in, manager);
    }
    return RecordLog.JSON.readValue(cur.resolve("state.json").toFile(), RunState.class);
  }

  /** Parameter names, then the arrays as one NDList: our checkpoint format for weights. */
  static void writeParams(Block model, DataOutputStream out) throws IOException {
    NDList arrays = new NDList();
    for (Pair<String, Parameter> p : model.getParameters()) {
      arrays.add(p.getValue().getArray());
    }
    out.writeInt(arrays.size());
    for (Pair<String, Parameter> p : model.getParameters()) {
      out.writeUTF(p.getKey());
    }
    arrays.encode(out);
  }

  /**
   * Keeps the weights of a checkpoint, for re-scoring it later ({@code scalecast eval}).
   *
   * @param model the model
   * @param step its step
   */
  public void saveCheckpointWeights(Block model, long step) throws IOException {
    Path dirPath = dir.resolve("checkpoints");
    Files.createDirectories(dirPath);
    Path f = dirPath.resolve(String.format("step-%08d.params", step));
    AtomicFiles.write(
        f,
        os -> {
          DataOutputStream out = new DataOutputStream(os);
          writeParams(model, out);
          out.flush();
        });
  }

  /**
   * Loads weights into a model: a checkpoint's, or the latest saved state's when step is null.
   *
   * @param model an initialised model of the run's shape
   * @param manager its manager
   * @param step a checkpoint step, or null
   */
  public void loadWeights(Block model, NDManager manager, Long step) throws IOException {
    Path f =
        step == null
            ? dir.resolve("state").resolve("model.params")
            : dir.resolve("checkpoints").resolve(String.format("step-%08d.params", step));
    if (!Files.isRegularFile(f)) {
      throw new org.scalecast.results.InputException(
          dir
              + ": no weights "
              + (step == null ? "saved yet" : "for step " + step)
              + " (looked for "
              + f.getFileName()
              + ")");
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
      loadInto(model, in, manager, f);
    }
  }

  /**
   * Copies saved values into the model's own arrays. Block.loadParameters would replace the arrays
   * with decoded ones that autograd then ignores, so a resumed run could not train.
   */
  private static void loadInto(Block model, DataInputStream in, NDManager manager, Path file)
      throws IOException {
    int n = in.readInt();
    PairList<String, Parameter> params = model.getParameters();
    if (n != params.size()) {
      throw new IOException(
          file + ": " + n + " arrays for a model of " + params.size() + " parameters");
    }
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      if (!name.equals(params.get(i).getKey())) {
        throw new IOException(
            file + ": array " + i + " is " + name + ", the model has " + params.get(i).getKey());
      }
    }
    try (NDList saved = NDList.decode(manager, in)) {
      for (int i = 0; i < n; i++) {
        saved.get(i).copyTo(params.get(i).getValue().getArray());
      }
    }
  }

  /** Removes saved state and records: a run that starts from step 0. */
  public void clearProgress() throws IOException {
    deleteTree(dir.resolve("state"));
    deleteTree(dir.resolve("state.old"));
    deleteTree(dir.resolve("state.tmp"));
    deleteTree(dir.resolve("checkpoints"));
    Files.deleteIfExists(dir.resolve(ResultsTable.RECORDS));
  }

  private static DataOutputStream stream(Path f) throws IOException {
    OutputStream os = Files.newOutputStream(f);
    return new DataOutputStream(new BufferedOutputStream(os, 1 << 16));
  }

  static void atomicWrite(Path f, byte[] bytes) {
    AtomicFiles.write(f, bytes);
  }

  private static void fsync(Path f) throws IOException {
    AtomicFiles.fsync(f);
  }

  private static void deleteTree(Path p) throws IOException {
    AtomicFiles.deleteTree(p);
  }
}
