package org.scalecast.results.ladder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Notes sampling runs whose final checkpoints have the same N and D: every method reads them as one
 * point measured more than once, so whatever else tells them apart (seeds, or variants such as a
 * deeper model of the same size) counts as noise. A new user's Falcon-H1 ladder had 1.5B and
 * 1.5B-Deep at one N and D, 16.7 points apart on GSM8K, without a word (nineteenth session).
 */
final class SameCompute {
  /** Groups named in the note; the rest are counted. */
  private static final int SHOWN = 3;

  private SameCompute() {}

  /**
   * @param c the role values
   * @param targetRuns the targets' runs, not sampling runs
   * @param lastOf each run's final row
   * @param notes where the note goes, when some runs share N and D
   */
  static void note(
      RoleValues c, Set<String> targetRuns, Map<String, Integer> lastOf, List<String> notes) {
    // Keyed by the exact values, shown rounded; a run without a finite N or D is no point here.
    Map<List<Double>, List<Integer>> byPoint = new LinkedHashMap<>();
    lastOf.entrySet().stream()
        .filter(e -> !targetRuns.contains(e.getKey()))
        .filter(e -> Double.isFinite(c.nParams()[e.getValue()] + c.tokens()[e.getValue()]))
        .sorted(Comparator.comparingInt(Map.Entry::getValue))
        .forEach(
            e ->
                byPoint
                    .computeIfAbsent(
                        List.of(c.nParams()[e.getValue()], c.tokens()[e.getValue()]),
                        k -> new ArrayList<>())
                    .add(e.getValue()));
    List<String> shared = new ArrayList<>();
    for (List<Integer> rows : byPoint.values()) {
      if (rows.size() > 1) {
        List<String> runs = rows.stream().map(r -> c.run()[r]).toList();
        shared.add("'" + String.join("', '", runs) + "' (" + point(c, rows.get(0)) + ")");
      }
    }
    if (shared.isEmpty()) {
      return;
    }
    String listed = String.join("; ", shared.subList(0, Math.min(SHOWN, shared.size())));
    if (shared.size() > SHOWN) {
      listed += String.format(Locale.ROOT, "; and %d more", shared.size() - SHOWN);
    }
    notes.add(
        "sampling runs that end at the same N and D: "
            + listed
            + "; every method reads each group as one point measured more than once, so what"
            + " tells them apart (seeds, or variants such as depth) counts as noise");
  }

  private static String point(RoleValues c, int row) {
    return String.format(Locale.ROOT, "N = %.4g, D = %.4g", c.nParams()[row], c.tokens()[row]);
  }
}
