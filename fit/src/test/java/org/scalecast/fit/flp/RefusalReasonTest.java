package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RefusalReasonTest {
  /**
   * The README's list of refusals names each rule by the key a script reads in {@code refusal}: a
   * rule added without its key there would leave users a value the documentation never mentions.
   */
  @Test
  void theReadmeListsEveryKey() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int from = readme.indexOf("### The refusals at a glance");
    assertTrue(from >= 0, "the README's list of refusals");
    String list = readme.substring(from, readme.indexOf("A refused row prints no number", from));
    for (RefusalReason r : RefusalReason.values()) {
      assertTrue(list.contains("`" + r.key() + "`"), r.key() + " in the README's list");
    }
  }

  @Test
  void onlyTheEmergenceRefusalsAreAboveThreshold() {
    for (RefusalReason r : RefusalReason.values()) {
      boolean expected =
          r == RefusalReason.EMERGED_UNTESTED || r == RefusalReason.UNREACHED_THRESHOLD;
      assertTrue(r.aboveThreshold() == expected, r.key());
    }
  }
}
