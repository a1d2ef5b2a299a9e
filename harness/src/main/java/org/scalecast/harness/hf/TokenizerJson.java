package org.scalecast.harness.hf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.harness.data.BpeTokenizer;
import org.scalecast.harness.data.ByteTokenizer;
import org.scalecast.harness.data.Tokenizer;

/**
 * The Hugging Face {@code tokenizers} JSON of our tokenizers. Both are byte-level: ids 0-255 are
 * the bytes themselves, written in GPT-2's byte-to-character alphabet ({@code bytes_to_unicode}),
 * and a BPE token is the characters of its bytes. The byte tokenizer is a BPE with no merges.
 *
 * <p>The pre-tokenizer is a Split on our own chunk pattern rather than ByteLevel's built-in GPT-2
 * regex: that regex's {@code \s} is Unicode whitespace, Java's is ASCII, so text with a no-break or
 * ideographic space would be chunked differently. Spelling {@code \s} out as Java's six characters
 * makes the two agree on every input.
 */
public final class TokenizerJson {
  private static final String JAVA_SPACE = "\\t\\n\\x0B\\f\\r ";

  private TokenizerJson() {}

  /**
   * @param tokenizer ours
   * @return tokenizer.json as an ordered map
   * @throws org.scalecast.results.InputException when the tokenizer cannot be written exactly
   */
  public static Map<String, Object> of(Tokenizer tokenizer) {
    int[][] merges;
    if (tokenizer instanceof BpeTokenizer bpe) {
      merges = bpe.merges();
    } else if (tokenizer instanceof ByteTokenizer) {
      merges = new int[0][];
    } else {
      throw Gpt2Layout.refusal("no tokenizer.json mapping for tokenizer " + tokenizer.spec());
    }
    String[] strings = tokenStrings(merges);
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("version", "1.0");
    j.put("truncation", null);
    j.put("padding", null);
    j.put("added_tokens", List.of());
    j.put("normalizer", null);
    j.put("pre_tokenizer", preTokenizer(merges.length > 0));
    j.put("post_processor", null);
    j.put("decoder", byteLevel());
    j.put("model", model(strings, merges));
    return j;
  }

  /**
   * @param contextLength the model's context
   * @return tokenizer_config.json: a plain fast tokenizer, so transformers adds none of GPT-2's
   *     special tokens (an {@code <|endoftext|>} appended to our vocabulary would be an id past the
   *     embedding)
   */
  public static Map<String, Object> config(int contextLength) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("tokenizer_class", "PreTrainedTokenizerFast");
    j.put("model_max_length", contextLength);
    j.put("clean_up_tokenization_spaces", false);
    return j;
  }

  /** Java's chunk pattern with {@code \s} and {@code \S} spelled out (see the class comment). */
  static String chunkRegex() {
    return BpeTokenizer.CHUNK
        .pattern()
        .replace("[^\\s", "[^" + JAVA_SPACE)
        .replace("\\S", "[^" + JAVA_SPACE + "]")
        .replace("\\s", "[" + JAVA_SPACE + "]");
  }

  private static Object preTokenizer(boolean chunked) {
    if (!chunked) {
      return byteLevel(); // no merges: chunk boundaries cannot change the ids
    }
    Map<String, Object> split = new LinkedHashMap<>();
    split.put("type", "Split");
    split.put("pattern", Map.of("Regex", chunkRegex()));
    split.put("behavior", "Isolated");
    split.put("invert", false);
    return Map.of("type", "Sequence", "pretokenizers", List.of(split, byteLevel()));
  }

  /** Bytes to GPT-2's characters, no regex of its own (the Split did the chunking). */
  private static Map<String, Object> byteLevel() {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("type", "ByteLevel");
    b.put("add_prefix_space", false);
    b.put("trim_offsets", true);
    b.put("use_regex", false);
    return b;
  }

  private static Map<String, Object> model(String[] strings, int[][] merges) {
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (int id = 0; id < strings.length; id++) {
      vocab.put(strings[id], id);
    }
    List<String> pairs = new ArrayList<>();
    for (int[] m : merges) {
      pairs.add(strings[m[0]] + " " + strings[m[1]]); // no token holds a space: it is "Ġ" here
    }
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("type", "BPE");
    j.put("dropout", null);
    j.put("unk_token", null);
    j.put("continuing_subword_prefix", null);
    j.put("end_of_word_suffix", null);
    j.put("fuse_unk", false);
    j.put("byte_fallback", false);
    j.put("ignore_merges", false); // a whole chunk in the vocabulary still goes through the merges
    j.put("vocab", vocab);
    j.put("merges", pairs);
    return j;
  }

  /**
   * Each id's characters. tokenizer.json's vocabulary maps a string to one id, so two of our tokens
   * for the same bytes (reachable by different merge orders) cannot be written: refused.
   */
  static String[] tokenStrings(int[][] merges) {
    String[] s = new String[256 + merges.length];
    int[] alphabet = ByteAlphabet.CHARS;
    for (int b = 0; b < 256; b++) {
      s[b] = new String(Character.toChars(alphabet[b]));
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < merges.length; i++) {
      int id = 256 + i;
      s[id] = s[merges[i][0]] + s[merges[i][1]];
      Integer other = seen.put(s[id], id);
      if (other != null) {
        throw Gpt2Layout.refusal(
            "BPE tokens "
                + other
                + " and "
                + id
                + " both stand for the bytes of '"
                + new String(ByteAlphabet.bytes(s[id]), StandardCharsets.UTF_8)
                + "', and tokenizer.json maps each string to one id");
      }
    }
    return s;
  }
}
