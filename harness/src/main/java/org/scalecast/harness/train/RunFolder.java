package org.scalecast.harness.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.scalecast.harness.curves.Curves;
import org.scalecast.harness.curves.EventFile;
import org.scalecast.results.AtomicFiles;
import org.scalecast.results.FaultHook;
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
  private static final String STATUS = "status.json";
  private static final String STATE = "state.json";
  private static final String PARAMS = "model.params";
  private static final String OPTIMIZER = "optimizer.bin";
  private static final String SUMS = "checksums.json";

  private final Path dir;
  private EventFile curves; // this process's TensorBoard file, made at the first record

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
   * Appends a checkpoint's record, and its values to the TensorBoard event file beside it (so the
   * curves are live while the sweep runs); a failure names the file (issue 11).
   *
   * @param r the record
   */
  public void appendRecord(org.scalecast.results.CheckpointRecord r) throws IOException {
    Path f = dir.resolve(ResultsTable.RECORDS);
    named("appending a record to", f, () -> records().append(r));
    if (curves == null) {
      curves = new EventFile(dir);
    }
    named("appending curves to", curves.file(), () -> curves.append(r.step(), Curves.scalars(r)));
  }

  /**
   * @return whether the run has a saved state that a resume continues from (records without one are
   *     cleared, and the run starts again from step 0: a review)
   */
  public boolean hasProgress() {
    return java.util.stream.Stream.of("state", "state.old", "state.prev")
        .anyMatch(name -> Files.exists(dir.resolve(name)));
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
    Path f = dir.resolve(STATUS);
    byte[] bytes = RecordLog.JSON.writeValueAsBytes(s);
    try {
      atomicWrite(f, bytes);
    } catch (java.io.UncheckedIOException e) {
      // A full disk refuses the new temporary file; rewriting the existing one in place needs no
      // new block, so a failure is still recorded (issue 11).
      named("writing", f, () -> overwrite(f, bytes));
    }
  }

  /**
   * @return the status, or pending when the run has none; an unreadable one is pending with a
   *     message naming the file and line (issue 11: it was taken as pending without a word)
   */
  public RunStatus readStatus() {
    Path f = dir.resolve(STATUS);
    try {
      return Files.isRegularFile(f)
          ? RecordLog.JSON.readValue(f.toFile(), RunStatus.class)
          : RunStatus.pending("");
    } catch (IOException | RuntimeException e) {
      return RunStatus.pending(unparsable(f, e) + "; repaired from the saved state");
    }
  }

  /**
   * @param f a file
   * @param e why it could not be read
   * @return "FILE line L: cannot be parsed (...)" in one line
   */
  static String unparsable(Path f, Exception e) {
    String line =
        e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                && j.getLocation() != null
                && j.getLocation().getLineNr() > 0
            ? " line " + j.getLocation().getLineNr()
            : "";
    String why =
        e instanceof com.fasterxml.jackson.core.JsonProcessingException j
            ? j.getOriginalMessage()
            : String.valueOf(e.getMessage());
    return f + line + ": cannot be parsed (" + why.lines().findFirst().orElse("") + ")";
  }

  /**
   * Saves the state: written to {@code state.tmp/}, swapped in by renames; the state it replaces is
   * kept as {@code state.prev/}, the previous good checkpoint to resume from when the newest turns
   * out cut or corrupt (issue 11).
   *
   * @param model the model
   * @param opt the optimizer
   * @param state the counters
   */
  public void saveState(Block model, AdamW opt, RunState state) throws IOException {
    Path tmp = dir.resolve("state.tmp");
    deleteTree(tmp);
    named("creating", tmp, () -> Files.createDirectories(tmp));
    writeStream(tmp.resolve(PARAMS), out -> writeParams(model, out));
    FaultHook.at("state-params-written", tmp.resolve(PARAMS));
    writeStream(tmp.resolve(OPTIMIZER), opt::save);
    Map<String, FileSum> sums = new TreeMap<>();
    for (String f : List.of(PARAMS, OPTIMIZER)) {
      named("syncing", tmp.resolve(f), () -> fsync(tmp.resolve(f)));
      sums.put(f, FileSum.of(tmp.resolve(f)));
    }
    atomicWrite(tmp.resolve(SUMS), RecordLog.JSON.writeValueAsBytes(sums));
    atomicWrite(tmp.resolve(STATE), RecordLog.JSON.writeValueAsBytes(state));
    Path cur = dir.resolve("state");
    Path old = dir.resolve("state.old");
    deleteTree(old);
    if (Files.exists(cur)) {
      Files.move(cur, old, StandardCopyOption.ATOMIC_MOVE);
    }
    FaultHook.at("state-swap", cur);
    Files.move(tmp, cur, StandardCopyOption.ATOMIC_MOVE);
    if (Files.exists(old)) {
      deleteTree(dir.resolve("state.prev"));
      Files.move(old, dir.resolve("state.prev"), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /**
   * Loads the newest whole saved state into the model and optimizer: {@code state/}, else {@code
   * state.old/} (killed between the renames of saveState), else {@code state.prev/}. A cut or
   * corrupt one is named to {@code notes} and the next is tried (issue 11).
   *
   * @param model an initialised model of the same shape
   * @param opt its optimizer
   * @param manager the optimizer's manager
   * @param notes receives one line per state passed over
   * @return the counters, or null when nothing was saved
   * @throws IOException naming the file when no saved state can be read
   */
  public RunState loadState(
      Block model, AdamW opt, NDManager manager, java.util.function.Consumer<String> notes)
      throws IOException {
    IOException last = null;
    for (String name : List.of("state", "state.old", "state.prev")) {
      Path cur = dir.resolve(name);
      if (!Files.isRegularFile(cur.resolve(STATE))) {
        continue;
      }
      try {
        return loadFrom(cur, model, opt, manager);
      } catch (IOException e) {
        // Set aside, so the next save does not rotate it into state.prev as a fallback.
        Path bad = dir.resolve(name + ".corrupt");
        deleteTree(bad);
        Files.move(cur, bad, StandardCopyOption.ATOMIC_MOVE);
        notes.accept(
            e.getMessage() + "; moved to " + bad.getFileName() + ", trying an earlier one");
        last = e;
      }
    }
    if (last != null) {
      throw new IOException("no saved state can be read: " + last.getMessage(), last);
    }
    return null;
  }

  private static RunState loadFrom(Path cur, Block model, AdamW opt, NDManager manager)
      throws IOException {
    RunState state;
    try {
      state = RecordLog.JSON.readValue(cur.resolve(STATE).toFile(), RunState.class);
    } catch (IOException | RuntimeException e) {
      throw new IOException(unparsable(cur.resolve(STATE), e), e);
    }
    verifySums(cur);
    readStream(cur.resolve(PARAMS), in -> loadInto(model, in, manager, cur.resolve(PARAMS)));
    readStream(cur.resolve(OPTIMIZER), in -> opt.load(in, manager));
    return state;
  }

  /** Sizes and CRC-32s recorded at save; states saved before them have none to check. */
  private static void verifySums(Path cur) throws IOException {
    Path f = cur.resolve(SUMS);
    if (!Files.isRegularFile(f)) {
      return;
    }
    Map<String, FileSum> sums;
    try {
      sums = RecordLog.JSON.readValue(f.toFile(), new TypeReference<Map<String, FileSum>>() {});
    } catch (IOException | RuntimeException e) {
      throw new IOException(unparsable(f, e), e);
    }
    for (Map.Entry<String, FileSum> e : sums.entrySet()) {
      Path p = cur.resolve(e.getKey());
      FileSum now = Files.isRegularFile(p) ? FileSum.of(p) : new FileSum(-1, 0);
      if (!now.equals(e.getValue())) {
        throw new IOException(p + ": " + now.against(e.getValue()));
      }
    }
  }

  /**
   * A file's size and CRC-32, recorded when a state is saved.
   *
   * @param bytes its size, -1 when missing
   * @param crc32 its CRC-32
   */
  record FileSum(long bytes, long crc32) {
    static FileSum of(Path f) throws IOException {
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      byte[] buf = new byte[1 << 16];
      long n = 0;
      try (java.io.InputStream in = Files.newInputStream(f)) {
        for (int r; (r = in.read(buf)) > 0; n += r) {
          crc.update(buf, 0, r);
        }
      }
      return new FileSum(n, crc.getValue());
    }

    String against(FileSum saved) {
      if (bytes < 0) {
        return "missing";
      }
      return bytes != saved.bytes
          ? bytes + " bytes, " + saved.bytes + " when saved (cut)"
          : "CRC-32 differs from the one recorded at save (corrupt)";
    }
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
    readStream(f, in -> loadInto(model, in, manager, f));
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
    deleteTree(dir.resolve("state.prev"));
    deleteTree(dir.resolve("state.tmp"));
    deleteTree(dir.resolve("checkpoints"));
    Files.deleteIfExists(dir.resolve(ResultsTable.RECORDS));
  }

  /** Something done to a file that may fail with an I/O error. */
  interface FileAction {
    void run() throws IOException;
  }

  /** Writes a stream to a file. */
  interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  /** Reads a file from a stream. */
  interface Reader {
    void read(DataInputStream in) throws IOException;
  }

  /**
   * Runs an action on a file; its failure names the operation and the path (issue 11: a full disk
   * said "No space left on device" and a cut file "Malformed data", neither naming a file).
   */
  static void named(String operation, Path f, FileAction action) throws IOException {
    try {
      action.run();
    } catch (IOException | RuntimeException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(operation + " " + f + ":")) {
        throw e;
      }
      throw new IOException(operation + " " + f + ": " + reason(e), e);
    }
  }

  private static String reason(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void writeStream(Path f, Writer w) throws IOException {
    named(
        "writing",
        f,
        () -> {
          try (DataOutputStream out =
              new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f), 1 << 16))) {
            w.write(out);
          }
        });
  }

  private static void readStream(Path f, Reader r) throws IOException {
    named(
        "reading",
        f,
        () -> {
          try (DataInputStream in =
              new DataInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
            r.read(in);
          }
        });
  }

  /** Rewrites a file in place: the fallback when no new file can be made (a full disk). */
  private static void overwrite(Path f, byte[] bytes) throws IOException {
    try (FileChannel ch =
        FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.truncate(bytes.length);
      ch.force(true);
    }
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
