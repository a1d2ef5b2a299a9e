package org.scalecast.harness;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.harness.sweep.Sweeps;
import org.scalecast.results.ladder.Comparison;

/**
 * Every prediction config the README and {@code docs/} show with a {@code ladder:} section loads as
 * written (the ladder examples moved to {@code docs/ladders.md} in the twentieth session): its
 * keys, types and derive entries, and each {@code where:} condition. The ladders' data are not in
 * the repository (published tables, never committed), so the files are not read; what this catches
 * is a README example that drifted from the schema, which a user copying it would hit first (issue
 * 10: "the README's example runs as documented").
 */
class ReadmeConfigsTest {
  @TempDir Path dir;

  /** A YAML block, fenced at any indentation (a block inside a list item is indented). */
  private static final Pattern YAML =
      Pattern.compile("(?m)^( *)```yaml\n(.*?)^\\1```", Pattern.DOTALL);

  @Test
  void everyLadderConfigInTheReadmeLoads() throws Exception {
    StringBuilder readme = new StringBuilder(Files.readString(Path.of("..", "README.md")));
    try (var docs = Files.list(Path.of("..", "docs"))) {
      for (Path p : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        readme.append('\n').append(Files.readString(p));
      }
    }
    List<String> configs = new ArrayList<>();
    Matcher m = YAML.matcher(readme);
    while (m.find()) {
      String indent = m.group(1);
      String block =
          m.group(2)
              .lines()
              .map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
              .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
      if (block.startsWith("ladder:")) {
        configs.add(block);
      }
    }
    assertTrue(
        configs.size() >= 10, "ladder configs found in the README and docs/: " + configs.size());
    for (int i = 0; i < configs.size(); i++) {
      Path f = dir.resolve("readme-" + i + ".yaml");
      Files.writeString(f, configs.get(i));
      String text = configs.get(i);
      PredictSpec spec =
          assertDoesNotThrow(() -> Sweeps.loadYaml(f, PredictSpec.class), () -> "\n" + text);
      for (String w : spec.ladder().where()) {
        assertDoesNotThrow(() -> Comparison.parse(w), () -> w + " in\n" + text);
      }
    }
  }
}
