package org.scalecast.harness.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte-level BPE (Sennrich et al. 2016; GPT-2's byte-level variant, Radford et al. 2019). Text is
 * split into chunks by GPT-2's pattern, chunks are UTF-8 bytes (ids 0-255), and merges learned on
 * chunk frequencies join the most frequent adjacent pair, ties broken by the smaller pair. Encoding
 * applies merges by rank within each chunk, with a cache per distinct chunk.
 */
public final class BpeTokenizer implements Tokenizer {
  /**
   * GPT-2's pre-tokenization pattern, with Java's meaning of {@code \s} (ASCII whitespace only: a
   * no-break space is punctuation here, whitespace to GPT-2's own regex engine).
   */
  public static final Pattern CHUNK =
      Pattern.compile(
          "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

  private final int[][] merges; // merge i makes token 256 + i from merges[i][0], merges[i][1]
  private final Map<Long, Integer> rank = new HashMap<>();
  private final int[] byteLength;
  private final Map<String, int[]> cache = new ConcurrentHashMap<>();

  /**
   * @param merges the learned merges, in order
   */
  public BpeTokenizer(int[][] merges) {
    this.merges = merges.clone();
    this.byteLength = new int[256 + merges.length];
    java.util.Arrays.fill(byteLength, 0, 256, 1);
    for (int i = 0; i < merges.length; i++) {
      rank.put(key(merges[i][0], merges[i][1]), i);
      byteLength[256 + i] = byteLength[merges[i][0]] + byteLength[merges[i][1]];
    }
  }

  private static long key(int a, int b) {
    return ((long) a << 32) | (b & 0xffffffffL);
  }

  /**
   * @return the merges, in order
   */
  public int[][] merges() {
    return merges.clone();
  }

  @Override
  public int vocabSize() {
    return 256 + merges.length;
  }

  @Override
  public int byteLength(int token) {
    return byteLength[token];
  }

  @Override
  public String spec() {
    return "bpe-" + vocabSize();
  }

  @Override
  public int[] encode(String text) {
    IntBuffer out = new IntBuffer(text.length() / 3 + 16);
    Matcher m = CHUNK.matcher(text);
    while (m.find()) {
      out.addAll(cache.computeIfAbsent(m.group(), this::encodeChunk));
    }
    return out.toArray();
  }

  private int[] encodeChunk(String chunk) {
    byte[] b = chunk.getBytes(StandardCharsets.UTF_8);
    List<Integer> sym = new ArrayList<>(b.length);
    for (byte x : b) {
      sym.add(x & 0xff);
    }
    while (sym.size() > 1) {
      int best = -1;
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < sym.size(); i++) {
        Integer r = rank.get(key(sym.get(i), sym.get(i + 1)));
        if (r != null && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      sym.set(best, 256 + bestRank);
      sym.remove(best + 1);
    }
    return sym.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Learns merges from text until the vocabulary has {@code vocabSize} tokens.
   *
   * @param texts training text
   * @param vocabSize target vocabulary, at least 256
   * @return the tokenizer
   */
  public static BpeTokenizer train(List<String> texts, int vocabSize) {
    Map<String, Integer> freq = new HashMap<>();
    for (String t : texts) {
      Matcher m = CHUNK.matcher(t);
      while (m.find()) {
        freq.merge(m.group(), 1, Integer::sum);
      }
    }
    List<int[]> words = new ArrayList<>(freq.size());
    int[] counts = new int[freq.size()];
    int w = 0;
    for (Map.Entry<String, Integer> e : freq.entrySet()) {
      byte[] b = e.getKey().getBytes(StandardCharsets.UTF_8);
      int[] s = new int[b.length];
      for (int i = 0; i < b.length; i++) {
        s[i] = b[i] & 0xff;
      }
      words.add(s);
      counts[w++] = e.getValue();
    }
    return new BpeTokenizer(new MergeLearner(words, counts).learn(vocabSize - 256));
  }

  /** Incremental pair counting: each merge revisits only the words that contain the pair. */
  private static final class MergeLearner {
    private final List<int[]> words;
    private final int[] counts;
    private final Map<Long, Long> pairCount = new HashMap<>();
    private final Map<Long, Set<Integer>> where = new HashMap<>();

    MergeLearner(List<int[]> words, int[] counts) {
      this.words = words;
      this.counts = counts;
      for (int w = 0; w < words.size(); w++) {
        addPairs(w, 1);
      }
    }

    private void addPairs(int w, int sign) {
      int[] s = words.get(w);
      for (int i = 0; i + 1 < s.length; i++) {
        long k = key(s[i], s[i + 1]);
        pairCount.merge(k, (long) sign * counts[w], Long::sum);
        if (sign > 0) {
          where.computeIfAbsent(k, x -> new HashSet<>()).add(w);
        }
      }
    }

    int[][] learn(int n) {
      List<int[]> merges = new ArrayList<>();
      for (int next = 256; merges.size() < n; next++) {
        long best = -1;
        long bestCount = 0;
        for (Map.Entry<Long, Long> e : pairCount.entrySet()) {
          long c = e.getValue();
          if (c > bestCount || (c == bestCount && c > 0 && e.getKey() < best)) {
            best = e.getKey();
            bestCount = c;
          }
        }
        if (bestCount <= 0) {
          break; // nothing left to merge
        }
        int a = (int) (best >>> 32);
        int b = (int) best;
        merges.add(new int[] {a, b});
        for (int w : new ArrayList<>(where.getOrDefault(best, Set.of()))) {
          addPairs(w, -1);
          words.set(w, replace(words.get(w), a, b, next));
          addPairs(w, 1);
        }
        pairCount.remove(best);
        where.remove(best);
      }
      return merges.toArray(int[][]::new);
    }

    private static int[] replace(int[] s, int a, int b, int token) {
      IntBuffer out = new IntBuffer(s.length);
      for (int i = 0; i < s.length; i++) {
        if (i + 1 < s.length && s[i] == a && s[i + 1] == b) {
          out.add(token);
          i++;
        } else {
          out.add(s[i]);
        }
      }
      return out.toArray();
    }
  }
}
