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
 * and {@link #truncateTo} removes; no complete line is ever lost.
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
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
  }

  /**
   * @return every complete record, in order; a torn last line is skipped
   */
  public List<CheckpointRecord> read() throws IOException {
    List<CheckpointRecord> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : completeLines()) {
      out.add(JSON.readValue(line, CheckpointRecord.class));
    }
    return out;
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

  private List<String> completeLines() throws IOException {
    String all = Files.readString(file, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int nl; (nl = all.indexOf('\n', start)) >= 0; start = nl + 1) {
      if (nl > start) {
        lines.add(all.substring(start, nl));
      }
    }
    return lines; // text after the last newline is a torn write
  }
}
