package org.scalecast.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An append-only JSONL file of {@link CheckpointRecord}s. Each record is one write of one whole
 * line followed by fsync, so a crash leaves at most a torn last line, which {@link #read} ignores
 * and {@link #truncateTo} removes; no complete line is ever lost. {@link #contents} says whether
 * there was one, so that a reader of a finished run can call it corruption.
 */
public final class RecordLog {
  /** snake_case JSON for records and manifests. */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;

  /**
   * @param file the JSONL file
   */
  public RecordLog(Path file) {
    this.file = file;
  }

  /**
   * @param r the record to append durably
   */
  public void append(CheckpointRecord r) throws IOException {
    byte[] line = (JSON.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer b = ByteBuffer.wrap(line);
      if (FaultHook.due("record-append", file)) { // a kill mid-line: half of it reaches the disk
        b.limit(line.length / 2);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
        FaultHook.halt("record-append", file);
      }
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
  }

  /**
   * What a records file holds.
   *
   * @param records every complete record, in order
   * @param cutLine the line number (from 1) of a torn last line (text after the last newline: a
   *     write cut by a kill or a full disk), or 0 when there is none
   */
  public record Contents(List<CheckpointRecord> records, int cutLine) {}

  /**
   * @return every complete record, in order; a torn last line is skipped
   * @throws InputException naming the file and line of a complete line that is not a record
   */
  public List<CheckpointRecord> read() throws IOException {
    return contents().records();
  }

  /**
   * @return the records and where a torn last line is, if any (none when the file is missing)
   * @throws InputException naming the file and line (from 1) of a complete line that is not a
   *     record
   */
  public Contents contents() throws IOException {
    List<CheckpointRecord> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return new Contents(out, 0);
    }
    String all = Files.readString(file, StandardCharsets.UTF_8);
    int start = 0;
    int line = 1;
    for (int nl; (nl = all.indexOf('\n', start)) >= 0; start = nl + 1, line++) {
      if (nl > start) {
        out.add(parse(all.substring(start, nl), line));
      }
    }
    return new Contents(out, start < all.length() ? line : 0);
  }

  /**
   * @param line a location, for messages
   * @return "FILE:LINE"
   */
  public String at(int line) {
    return file + ":" + line;
  }

  private CheckpointRecord parse(String text, int line) {
    try {
      return JSON.readValue(text, CheckpointRecord.class);
    } catch (IOException | RuntimeException e) {
      // Jackson's own location counts lines within this one line: always "line: 1".
      String why =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException j
              ? j.getOriginalMessage()
              : e.getMessage();
      String shown = why == null ? e.getClass().getSimpleName() : why.replaceAll("\\s+", " ");
      throw new InputException(at(line) + ": not a checkpoint record (" + shown.strip() + ")", e);
    }
  }

  /**
   * Rewrites the file with the records that pass (and without a torn tail), atomically.
   *
   * @param keep which records stay
   */
  public void truncateTo(Predicate<CheckpointRecord> keep) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (CheckpointRecord r : read()) {
      if (keep.test(r)) {
        sb.append(JSON.writeValueAsString(r)).append('\n');
      }
    }
    AtomicFiles.writeString(file, sb.toString());
  }
}
