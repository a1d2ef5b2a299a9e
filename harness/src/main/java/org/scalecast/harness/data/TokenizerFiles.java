package org.scalecast.harness.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.scalecast.results.AtomicFiles;

/** Saves and loads learned BPE merges as JSON. */
final class TokenizerFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TokenizerFiles() {}

  static void write(BpeTokenizer t, Path file) {
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(Map.of("kind", "bpe", "merges", t.merges())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BpeTokenizer read(Path file) {
    try {
      int[][] merges = JSON.treeToValue(JSON.readTree(file.toFile()).get("merges"), int[][].class);
      return new BpeTokenizer(merges);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
