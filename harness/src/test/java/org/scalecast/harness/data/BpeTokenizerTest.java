package org.scalecast.harness.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpeTokenizerTest {
  private static final String TEXT =
      "the cat sat on the mat. the cat ate the rat. public static void main() { return; }";

  @Test
  void learnsFrequentPairsAndCoversEveryByte() {
    BpeTokenizer t = BpeTokenizer.train(List.of(TEXT, TEXT, TEXT), 300);
    assertTrue(t.vocabSize() > 256 && t.vocabSize() <= 300);
    String probe = "the cat, ünïcödé, and 42";
    int[] ids = t.encode(probe);
    int bytes = 0;
    for (int id : ids) {
      bytes += t.byteLength(id);
    }
    assertEquals(
        probe.getBytes(StandardCharsets.UTF_8).length, bytes, "every byte is covered exactly once");
    assertTrue(
        ids.length < probe.getBytes(StandardCharsets.UTF_8).length, "merges shorten the text");
  }

  @Test
  void mergesAreDeterministic() {
    int[][] a = BpeTokenizer.train(List.of(TEXT), 280).merges();
    int[][] b = BpeTokenizer.train(List.of(TEXT), 280).merges();
    assertEquals(a.length, b.length);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i][0], b[i][0]);
      assertEquals(a[i][1], b[i][1]);
    }
  }

  @Test
  void theMostFrequentPairIsMergedFirst() {
    BpeTokenizer t = BpeTokenizer.train(List.of("aaaa bbbb aaaa"), 257);
    assertEquals('a', t.merges()[0][0]);
    assertEquals('a', t.merges()[0][1]);
  }

  @Test
  void brownTagsAreStripped() {
    assertEquals("The jury said .\n", Corpora.untagBrown("\tThe/at jury/nn said/vbd ./.\n\n"));
  }
}
