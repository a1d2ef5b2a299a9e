package org.scalecast.results.ladder;

import static org.scalecast.results.ladder.Ladder.requireColumn;
import static org.scalecast.results.ladder.LadderRoles.cell;
import static org.scalecast.results.ladder.LadderRoles.leftOutWithoutRoles;
import static org.scalecast.results.ladder.LadderRoles.roleIndex;
import static org.scalecast.results.ladder.LadderText.listed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.scalecast.results.Closest;
import org.scalecast.results.InputException;
import org.scalecast.results.SizeNumber;

/**
 * The ladder's target runs: which run each target names (exactly one, a different one per target),
 * why a target names none, and the checks on a target's last checkpoint ({@link Ladder} reads the
 * rest).
 */
final class LadderTargets {
  private LadderTargets() {}

  /** Every run one of the targets names; each target must name exactly one. */
  static Set<String> runs(
      RoleValues c,
      LadderRows rows,
      List<Map<String, String>> targets,
      Path source,
      boolean keyed,
      LadderSpec.RoleColumns mapped) {
    int n = c.run().length;
    Set<String> targetRuns = new LinkedHashSet<>();
    for (Map<String, String> t : targets) {
      List<Comparison> conds =
          t.entrySet().stream()
              .map(e -> new Comparison(e.getKey(), Comparison.Op.EQ, e.getValue()))
              .toList();
      // As the ladder's where: says (a misspelt key said only "matches no run": a new user).
      conds.forEach(k -> requireColumn(rows, k, "target where " + t));
      boolean onRoles =
          conds.stream()
              .anyMatch(
                  k -> roleIndex(mapped == null ? k.column() : mapped.roleOf(k.column())) > 0);
      Set<String> hit = new LinkedHashSet<>();
      for (int r = 0; r < n; r++) {
        final int row = r;
        if (c.problem()[r] != null && onRoles && !leftOutWithoutRoles(conds, c, rows, r, mapped)) {
          // Its roles are unknown, so whether it is the target is too: its own error says why.
          throw new InputException(c.problem()[r]);
        }
        if (conds.stream().allMatch(k -> k.test(cell(c, rows, row, k.column())))) {
          hit.add(c.run()[r]);
        }
      }
      if (hit.isEmpty()) {
        throw new InputException("target where " + t + noMatch(conds, c, rows, source, keyed));
      }
      if (hit.size() > 1) {
        throw new InputException(
            "target where "
                + t
                + " matches "
                + hit.size()
                + " runs of "
                + source
                + " ("
                + listed(hit)
                + "): name one, e.g. {run: "
                + hit.iterator().next()
                + "}");
      }
      if (!targetRuns.add(hit.iterator().next())) {
        // Both were predicted, and the run the second one meant stayed a sampling run, which put
        // its own "prediction" 0.43% off (a bad-input hunt, sixteenth session).
        throw new InputException(
            "target where "
                + t
                + " names run "
                + hit.iterator().next()
                + ", as another target does");
      }
    }
    return targetRuns;
  }

  /**
   * Why a target's conditions match no run: a run the runs table does not list (its files are not
   * read), else the run ids closest to the one given, or the runs. A new user's typo listed ten
   * runs in file order and the targets among the eight left out; a target missing from the runs
   * table said only that it matched nothing (fifteenth session).
   */
  static String noMatch(
      List<Comparison> conds, RoleValues c, LadderRows rows, Path source, boolean keyed) {
    for (Comparison k : conds) {
      if (rows.unlisted().contains(k.value())) {
        return ": run '"
            + k.value()
            + "' is in "
            + source
            + " but the runs table does not list it, and only the runs it lists are read: add a"
            + (keyed ? " row for its runs_key value" : " row for it");
      }
    }
    // The first condition no row meets, with the values its column has that are closest (the
    // mapped run column too: columns: {run: model} with {model: m55}, a review).
    for (Comparison k : conds) {
      Set<String> values = new LinkedHashSet<>();
      for (int r = 0; r < c.run().length; r++) {
        String v = cell(c, rows, r, k.column());
        if (v != null) {
          values.add(v);
        }
      }
      if (values.stream().noneMatch(k::test)) {
        return " matches no run of "
            + source
            + ": no row has "
            + k.column()
            + " = "
            + k.value()
            + "; "
            + closest(k.value(), values);
      }
    }
    return " matches no run of "
        + source
        + " (runs: "
        + listed(new LinkedHashSet<>(Arrays.asList(c.run())))
        + ")";
  }

  /**
   * The values closest to the one given: where all are numbers, the nearest below and above it
   * (step 5000 listed steps 0.0, 1.0 and 2.0, not 3000 and 13000: a new user, twenty-sixth
   * session), else the closest by spelling.
   */
  static String closest(String wanted, Set<String> values) {
    Double w = SizeNumber.parse(wanted);
    List<Double> numbers = values.stream().map(SizeNumber::parse).toList();
    if (w == null || numbers.contains(null)) {
      return Closest.hint(wanted, values);
    }
    List<Double> sorted = numbers.stream().distinct().sorted().toList();
    List<Double> near = new ArrayList<>();
    sorted.stream().filter(v -> v < w).reduce((a, b) -> b).ifPresent(near::add);
    sorted.stream().filter(v -> v > w).findFirst().ifPresent(near::add);
    return "closest: "
        + near.stream().map(LadderText::number).collect(Collectors.joining(", "))
        + " (of "
        + sorted.size()
        + ")";
  }

  /** A target's last checkpoint must have trained: D = 0 predicts nothing. */
  static void requireTrained(
      RoleValues c, LadderRows rows, Set<String> targetRuns, Map<String, Integer> lastOf) {
    for (String target : targetRuns) {
      int r = lastOf.get(target);
      if (!(c.tokens()[r] > 0)) {
        throw new InputException(
            rows.where(r)
                + ": target run '"
                + target
                + "' has D = "
                + c.tokens()[r]
                + " training tokens at its last checkpoint; map columns.tokens (or give steps"
                + " with tokens_per_step)");
      }
    }
  }

  /**
   * Notes a target with no more compute than a sampling run: it is predicted between the runs, not
   * beyond them, and it is no sampling run itself (a new user pointed a target at OPT 2.7B, a
   * ladder run, and the other targets' predictions changed without a word).
   */
  static void insideTheLadder(
      RoleValues c, Set<String> targetRuns, Map<String, Integer> lastOf, List<String> notes) {
    String largest = null;
    for (Map.Entry<String, Integer> e : lastOf.entrySet()) {
      if (!targetRuns.contains(e.getKey())
          && (largest == null || c.flops()[e.getValue()] > c.flops()[lastOf.get(largest)])) {
        largest = e.getKey();
      }
    }
    if (largest == null) {
      return;
    }
    double most = c.flops()[lastOf.get(largest)];
    for (String t : targetRuns) {
      if (c.flops()[lastOf.get(t)] <= most) {
        notes.add(
            String.format(
                Locale.ROOT,
                "target run '%s' (C = %.3g) has no more compute than sampling run '%s' (C = %.3g):"
                    + " it is predicted within the ladder, and is not a sampling run for any"
                    + " target",
                t,
                c.flops()[lastOf.get(t)],
                largest,
                most));
      }
    }
  }
}
