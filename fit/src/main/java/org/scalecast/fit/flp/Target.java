package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.Role;
import org.scalecast.results.RowFilter;
import tech.tablesaw.api.Table;

/**
 * The run a prediction is for: a trained run of the table (its final row holds the actual values)
 * or a planned one, known only by its N and D.
 *
 * @param runId the run, or null for a planned target
 * @param finalRow its final row, or -1 for a planned target
 * @param flops C = 6 N D, as the table's {@code flops} column counts it
 * @param nParams N, non-embedding parameters ({@code n_params})
 * @param tokens D, training tokens
 */
public record Target(String runId, int finalRow, double flops, double nParams, double tokens) {
  /**
   * @param t a table
   * @param row a row of it
   * @return that row's run as the target
   */
  public static Target ofRow(Table t, int row) {
    return new Target(
        CsvTables.column(t, Columns.RUN_ID).getString(row),
        row,
        CsvTables.number(t, Columns.FLOPS, row),
        t.columnNames().contains(Columns.N_PARAMS)
            ? CsvTables.number(t, Columns.N_PARAMS, row)
            : Double.NaN,
        t.columnNames().contains(Columns.TOKENS)
            ? CsvTables.number(t, Columns.TOKENS, row)
            : Double.NaN);
  }

  /**
   * @param t the results table
   * @param spec what to predict
   * @return the planned target ({@code target_at}), or the one run {@code target_where} picks
   *     (default: {@code role = target})
   */
  public static Target resolve(Table t, PredictSpec spec) {
    if (!spec.targetAt().isEmpty()) {
      return planned(spec.targetAt());
    }
    Map<String, String> where = spec.targetWhere();
    if (where.isEmpty()) {
      if (!t.columnNames().contains(Columns.ROLE)) {
        throw new InputException(
            "no target: give target_where (which run) or target_at (n_params, tokens of a planned"
                + " run); the table has no role column");
      }
      where = Map.of(Columns.ROLE, Role.TARGET.key());
    }
    Set<String> runs = runsWhere(t, where);
    if (runs.isEmpty() && spec.targetWhere().isEmpty()) {
      // It said "target_where {role=target} matches 0 runs []", a key the user never wrote.
      throw new InputException(
          "no target: name one under 'targets:', a run ({name: X, where: {run: ID}}) or a planned"
              + " one ({name: X, at: {n_params: N, tokens: D}})");
    }
    if (runs.size() != 1) {
      throw new InputException(
          "target_where "
              + where
              + " matches "
              + runs.size()
              + " runs "
              + runs
              + "; it must match exactly one (or give target_at for a planned run)");
    }
    return ofRow(t, finalRow(t, runs.iterator().next()));
  }

  private static Target planned(Map<String, Double> at) {
    if (!plannable(at)) {
      throw new InputException(
          "target_at must give exactly n_params and tokens, both > 0 (got " + at + ")");
    }
    double n = at.get(Columns.N_PARAMS);
    double d = at.get(Columns.TOKENS);
    // The sweep's flops column is 6 N D with N the non-embedding parameters (models.Flops.SIX_N).
    return new Target(null, -1, 6 * n * d, n, d);
  }

  /**
   * @param at a planned target's roles
   * @return whether they are exactly n_params and tokens, both above 0: the rule for {@code
   *     target_at} and for a target's {@code at:}
   */
  static boolean plannable(Map<String, Double> at) {
    Double n = at.get(Columns.N_PARAMS);
    Double d = at.get(Columns.TOKENS);
    return n != null && d != null && at.size() == 2 && n > 0 && d > 0;
  }

  /**
   * @param t a table
   * @param where column = value conditions
   * @return the runs with a row that meets them all
   */
  static Set<String> runsWhere(Table t, Map<String, String> where) {
    List<RowFilter> filters =
        where.entrySet().stream().map(e -> new RowFilter(e.getKey(), e.getValue())).toList();
    Set<String> runs = new LinkedHashSet<>();
    for (int r = 0; r < t.rowCount(); r++) {
      final int row = r;
      if (filters.stream().allMatch(f -> f.test(t, row))) {
        runs.add(CsvTables.column(t, Columns.RUN_ID).getString(r));
      }
    }
    return runs;
  }

  /**
   * @param t the table
   * @param run a run id
   * @return the row of its final checkpoint
   */
  public static int finalRow(Table t, String run) {
    for (int r = 0; r < t.rowCount(); r++) {
      if (t.column(Columns.RUN_ID).getString(r).equals(run)
          && CsvTables.flag(t, Columns.IS_FINAL, r)) {
        return r;
      }
    }
    throw new InputException("run " + run + " has no final row (is_final = 1)");
  }

  /**
   * @param t the table
   * @param target the target
   * @return rows of the sampling runs: not the target, and not marked as a target
   */
  public static List<Integer> samplingRows(Table t, Target target) {
    boolean roles = t.columnNames().contains(Columns.ROLE);
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      String run = t.column(Columns.RUN_ID).getString(r);
      boolean isTarget =
          run.equals(target.runId())
              || (roles && t.column(Columns.ROLE).getString(r).equals(Role.TARGET.key()));
      if (!isTarget) {
        rows.add(r);
      }
    }
    return rows;
  }

  /**
   * A planned target more than a decade below every sampling run in N or in D is an error: N and D
   * given in billions (6.9 and 4000 for a 7B on 4T tokens) put it 16 decades below the ladder,
   * where the expected errors, scaled to a distance floored at 0.1 decade, were smaller than the
   * backtests' and 6 of 8 tasks were predicted, exit 0 (a new user, twenty-fifth session). N and D,
   * not C: a ladder's own FLOPs column need not be 6 N D (a review). A trained target inside the
   * ladder is predicted, with a note ({@code LadderTargets}).
   *
   * @param t the table
   * @param spec the target's spec ({@link #resolve})
   * @param name the target's name under {@code targets:}, or null
   */
  static void requireAboveTheLadder(Table t, PredictSpec spec, String name) {
    if (spec.targetAt().isEmpty()) {
      return; // a trained run
    }
    Target target = resolve(t, spec);
    target.aboveTheLadder(t, samplingRows(t, target), name);
  }

  private void aboveTheLadder(Table t, List<Integer> sampling, String name) {
    String below =
        String.join(
            " and ",
            java.util.stream.Stream.of(
                    below("N", nParams, smallestN(t, sampling)),
                    below("D", tokens, smallestD(t, sampling)))
                .filter(java.util.Objects::nonNull)
                .toList());
    if (!below.isEmpty()) {
      throw new InputException(
          String.format(
              Locale.ROOT,
              "%splanned target at n_params = %.4g, tokens = %.4g: %s; N and D are counts (7e9"
                  + " parameters, 4e12 tokens), and a planned target is one the ladder extrapolates"
                  + " to",
              name == null ? "" : "targets: " + name + ": ",
              nParams,
              tokens,
              below));
    }
  }

  /** "N is 7.4 decades below ...", or null when {@code v} is within a decade of it or above. */
  private static String below(String role, double v, double least) {
    if (!(v * 10 < least)) {
      return null; // NaN (no such column, no rows) passes too
    }
    return String.format(
        Locale.ROOT,
        "%s is %.1f decades below the smallest sampling run's (%.4g)",
        role,
        Math.log10(least / v),
        least);
  }

  /** The smallest N of the sampling rows; NaN without an N column or rows. */
  private static double smallestN(Table t, List<Integer> sampling) {
    if (!t.columnNames().contains(Columns.N_PARAMS)) {
      return Double.NaN;
    }
    return sampling.stream()
        .mapToDouble(r -> CsvTables.numberOrNaN(t, Columns.N_PARAMS, r))
        .filter(Double::isFinite)
        .min()
        .orElse(Double.NaN);
  }

  /**
   * The smallest of the sampling runs' D, each run's largest token count (its final row's, where it
   * has one: a run mid-sweep has none yet); NaN without a tokens column or rows.
   */
  private static double smallestD(Table t, List<Integer> sampling) {
    if (!t.columnNames().contains(Columns.TOKENS)) {
      return Double.NaN;
    }
    java.util.Map<String, Double> most = new java.util.HashMap<>();
    tech.tablesaw.columns.Column<?> runs = CsvTables.column(t, Columns.RUN_ID);
    for (int r : sampling) {
      double d = CsvTables.numberOrNaN(t, Columns.TOKENS, r);
      if (Double.isFinite(d)) {
        most.merge(runs.getString(r), d, Math::max);
      }
    }
    return most.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  /**
   * @param t the table
   * @param column a column
   * @return the target's actual value, NaN when it was not trained or its final row has no value (a
   *     published model not evaluated on every task: its prediction is still made; the OPT 13B
   *     without one task's score stopped every target's prediction)
   */
  public double actual(Table t, String column) {
    if (finalRow < 0 || CsvTables.column(t, column).isMissing(finalRow)) {
      return Double.NaN;
    }
    return CsvTables.number(t, column, finalRow);
  }
}
