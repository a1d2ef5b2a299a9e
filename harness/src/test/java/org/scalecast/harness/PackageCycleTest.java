package org.scalecast.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's dependency rules, read from the sources: no cycle between packages (issue 9 found
 * {@code sweep <-> train}), {@code fit} and {@code results} never import DJL, so their tests need
 * no native library, and only the report's figures import the plotting library.
 */
class PackageCycleTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern PACKAGE =
      Pattern.compile("^package (org\\.scalecast[\\w.]*);", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?(org\\.scalecast[\\w.]*|ai\\.djl[\\w.]*|org\\.knowm[\\w.]*)\\.[\\w*]+;",
          Pattern.MULTILINE);

  @Test
  void packagesFormNoCycle() throws IOException {
    Map<String, Set<String>> graph = graph();
    assertTrue(graph.size() > 10, "sources found under " + ROOT + ": " + graph.keySet());
    List<String> cycle = cycle(graph);
    assertEquals(List.of(), cycle, "package cycle");
  }

  @Test
  void fitAndResultsNeverImportDjl() throws IOException {
    graph()
        .forEach(
            (pkg, deps) -> {
              if (pkg.startsWith("org.scalecast.fit") || pkg.startsWith("org.scalecast.results")) {
                deps.forEach(d -> assertTrue(!d.startsWith("ai.djl"), pkg + " imports " + d));
              }
            });
  }

  @Test
  void onlyTheReportImportsXChart() throws IOException {
    Map<String, Set<String>> graph = graph();
    assertTrue(
        graph.get("org.scalecast.harness.report").stream().anyMatch(d -> d.startsWith("org.knowm")),
        "the report draws its figures with XChart");
    graph.forEach(
        (pkg, deps) -> {
          if (!pkg.equals("org.scalecast.harness.report")) {
            deps.forEach(d -> assertTrue(!d.startsWith("org.knowm"), pkg + " imports " + d));
          }
        });
  }

  private static Map<String, Set<String>> graph() throws IOException {
    Map<String, Set<String>> g = new TreeMap<>();
    for (String module : List.of("results", "fit", "models", "harness")) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String src = Files.readString(f);
          Matcher p = PACKAGE.matcher(src);
          if (!p.find()) {
            continue;
          }
          Set<String> deps = g.computeIfAbsent(p.group(1), k -> new TreeSet<>());
          Matcher i = IMPORT.matcher(src);
          while (i.find()) {
            deps.add(outerPackage(i.group(1)));
          }
          deps.remove(p.group(1));
        }
      }
    }
    return g;
  }

  /** An import of a nested class names its outer class: keep only the lower-case segments. */
  private static String outerPackage(String name) {
    List<String> parts = new ArrayList<>();
    for (String s : name.split("\\.")) {
      if (Character.isUpperCase(s.charAt(0))) {
        break;
      }
      parts.add(s);
    }
    return String.join(".", parts);
  }

  private static List<String> cycle(Map<String, Set<String>> g) {
    Map<String, Integer> state = new TreeMap<>();
    for (String start : g.keySet()) {
      List<String> path = new ArrayList<>();
      if (visit(start, g, state, path)) {
        return path;
      }
    }
    return List.of();
  }

  private static boolean visit(
      String n, Map<String, Set<String>> g, Map<String, Integer> state, List<String> path) {
    int s = state.getOrDefault(n, 0);
    if (s == 2) {
      return false;
    }
    path.add(n);
    if (s == 1) {
      return true;
    }
    state.put(n, 1);
    for (String d : g.getOrDefault(n, Set.of())) {
      if (g.containsKey(d) && visit(d, g, state, path)) {
        return true;
      }
    }
    state.put(n, 2);
    path.remove(path.size() - 1);
    return false;
  }
}
