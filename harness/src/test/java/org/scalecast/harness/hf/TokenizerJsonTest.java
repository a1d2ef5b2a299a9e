package org.scalecast.harness.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.harness.data.BpeTokenizer;
import org.scalecast.harness.data.ByteTokenizer;
import org.scalecast.harness.data.Tokenizer;

/** Hugging Face's own tokenizer (Rust, through DJL) loads the exported JSON and encodes as ours. */
class TokenizerJsonTest {
  /** ASCII, multi-byte UTF-8, whitespace runs, code, and the spaces where \s engines disagree. */
  static final List<String> TEXTS =
      List.of(
          "The quick brown fox jumps over the lazy dog. It's 2024; we'll see.",
          "naïve café, Straße, ελληνικά, русский, 中文字符, 日本語のテキスト, 한국어, emoji 🙂🚀, 𝔘𝔫𝔦",
          "a  b   c\t\td\n\n\ne \r\n  f      \n\t  g   ",
          "def f(x):\n    return {'k': [x ** 2, x // 3]}  # comment\n\nif __name__ == \"__main__\":\n",
          "for (int i = 0; i < n; i++) {\n\tsum += a[i] * b[i]; // dot\n}\n",
          "no\u00a0break\u00a0spaces, ideographic\u3000space, en\u2002space, line\u2028sep",
          "  leading and trailing  ",
          "'s 'S 'll 'LL don't I'm ''quotes'' 123456 3.14159 1e-5 0x1F",
          "");

  /** Training text for a small BPE: the test texts' kinds of content, repeated with variation. */
  static List<String> corpus() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      out.add(
          "The model "
              + i
              + " was trained on text and code; it's the one we'll compare.\n"
              + "    def loss_"
              + i
              + "(x):\n        return x * "
              + (i % 7)
              + "  # ok\n"
              + "café naïve 中文 "
              + "🙂".repeat(i % 3)
              + "\t\t"
              + " ".repeat(i % 5)
              + "\n");
    }
    return out;
  }

  static Path export(Tokenizer t, Path dir) throws Exception {
    Path f = dir.resolve("tokenizer.json");
    Files.write(f, new ObjectMapper().writeValueAsBytes(TokenizerJson.of(t)));
    return f;
  }

  static void assertSameIds(Tokenizer ours, Path json) throws Exception {
    try (HuggingFaceTokenizer hf =
        HuggingFaceTokenizer.newInstance(json, Map.of("addSpecialTokens", "false"))) {
      for (String text : TEXTS) {
        long[] want = Arrays.stream(ours.encode(text)).asLongStream().toArray();
        assertArrayEquals(want, hf.encode(text).getIds(), text);
      }
    }
  }

  @Test
  void bpeEncodesAsOurs(@TempDir Path dir) throws Exception {
    BpeTokenizer bpe = BpeTokenizer.train(corpus(), 420);
    assertEquals(420, bpe.vocabSize());
    assertSameIds(bpe, export(bpe, dir));
  }

  @Test
  void bytesEncodeAsOurs(@TempDir Path dir) throws Exception {
    assertSameIds(new ByteTokenizer(), export(new ByteTokenizer(), dir));
  }

  @Test
  void theChunkRegexSpellsOutJavasWhitespace() {
    assertEquals(
        "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\t\\n\\x0B\\f\\r \\p{L}\\p{N}]+"
            + "|[\\t\\n\\x0B\\f\\r ]+(?![^\\t\\n\\x0B\\f\\r ])|[\\t\\n\\x0B\\f\\r ]+",
        TokenizerJson.chunkRegex());
  }
}
