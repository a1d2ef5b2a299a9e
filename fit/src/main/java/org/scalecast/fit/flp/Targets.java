package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.Role;
import org.scalecast.results.RowFilter;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Several targets in one call ({@code targets:}): each is predicted from the same sampling runs,
 * which are every run that no target names (a trained target is never a sampling run of another).
 */
public final class Targets {
  private Targets() {}

  /**
   * One target's predictions.
   *
   * @param name the target's name, or null for the one target of {@code target_where}/{@code
   *     target_at}
   * @param predictions its predictions
   */
  public record Named(String name, Predictions predictions) {}

  /**
   * @param spec a config
   * @return one config per target, each with {@code target_where} or {@code target_at} set and no
   *     {@code targets:}; the config itself when it has no {@code targets:}
   */
  public static List<PredictSpec> each(PredictSpec spec) {
    if (spec.targets().isEmpty()) {
      return List.of(
          spec.targetWhere().containsKey("run")
              ? spec.withTarget(canonical(spec.targetWhere()), spec.targetAt())
              : spec);
    }
    List<PredictSpec> out = new ArrayList<>();
    for (PredictSpec.TargetSpec t : spec.targets()) {
      out.add(spec.withTarget(canonical(t.where()), t.at()));
    }
    return out;
  }

  /**
   * @param spec a config
   * @return the run conditions of its trained targets, keys as the ladder's roles or columns
   */
  public static List<Map<String, String>> runConditions(PredictSpec spec) {
    List<Map<String, String>> out = new ArrayList<>();
    if (!spec.targetWhere().isEmpty()) {
      out.add(spec.targetWhere());
    }
    spec.targets().stream().filter(t -> !t.where().isEmpty()).forEach(t -> out.add(t.where()));
    return out;
  }

  /**
   * @param t the table
   * @param spec what to predict
   * @return per target, in the config's order, its predictions
   */
  public static List<Named> predictAll(Table t, PredictSpec spec) {
    return prepareAll(t, spec).stream()
        .map(p -> new Named(p.name(), TargetPredictor.finish(p.pending(), null)))
        .toList();
  }

  /**
   * A target's name and its predictions up to the backtests' intervals.
   *
   * @param name the target's name under {@code targets:}, or null
   * @param pending its rows, fits and backtests
   */
  record Prepared(String name, TargetPredictor.Pending pending) {}

  /**
   * {@link #predictAll} up to the backtests' intervals, for a ladder read in parts ({@link
   * QuantityParts#predictAll}).
   *
   * @param t the table
   * @param spec what to predict
   * @return per target, in the config's order, its prepared predictions
   */
  static List<Prepared> prepareAll(Table t, PredictSpec spec) {
    Table table = checked(t, spec);
    List<PredictSpec> specs = each(spec);
    // The targets share their fits: each target's fits depend on its sampling runs, not on it, and
    // targets of one ladder usually have the same sampling runs (issue 10: half of predict's time).
    Refits fits = new Refits();
    List<Prepared> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      out.add(new Prepared(name(spec, i), TargetPredictor.prepare(table, specs.get(i), fits)));
    }
    return out;
  }

  /**
   * @param t the table
   * @param spec what to predict
   * @return what {@link #predictAll} stops on before it fits anything (the table's check, a planned
   *     target below the ladder), or null: for a listing that shows the runs first ({@code results
   *     ladder}; a planned 7B given in billions was listed, exit 0, where predict stopped: the
   *     twenty-ninth session's review)
   */
  public static String stop(Table t, PredictSpec spec) {
    try {
      checked(t, spec);
      return null;
    } catch (InputException e) {
      return e.getMessage();
    }
  }

  /** The table checked, its targets marked, and every planned target checked against it. */
  private static Table checked(Table t, PredictSpec spec) {
    TableCheck.check(t, spec);
    Table table = spec.targets().isEmpty() ? t : marked(t, spec);
    List<PredictSpec> specs = each(spec);
    for (int i = 0; i < specs.size(); i++) {
      // Before any target is predicted: a third target's mistake was found minutes in.
      Target.requireAboveTheLadder(table, specs.get(i), name(spec, i));
    }
    return table;
  }

  /** The {@code i}th target's name under {@code targets:}, or null for a one-target config. */
  private static String name(PredictSpec spec, int i) {
    return spec.targets().isEmpty() ? null : spec.targets().get(i).name();
  }

  /** {@code run} names the run column, as in the ladder's {@code columns:}. */
  private static Map<String, String> canonical(Map<String, String> where) {
    Map<String, String> out = new LinkedHashMap<>();
    where.forEach((k, v) -> out.put(k.equals("run") ? Columns.RUN_ID : k, v));
    return out;
  }

  /** The table with every run a target names marked {@code role = target}. */
  private static Table marked(Table t, PredictSpec spec) {
    Set<String> runs = new LinkedHashSet<>();
    for (PredictSpec.TargetSpec target : spec.targets()) {
      if (target.where().isEmpty()) {
        continue;
      }
      List<RowFilter> filters =
          canonical(target.where()).entrySet().stream()
              .map(e -> new RowFilter(e.getKey(), e.getValue()))
              .toList();
      for (int r = 0; r < t.rowCount(); r++) {
        final int row = r;
        if (filters.stream().allMatch(f -> f.test(t, row))) {
          runs.add(CsvTables.column(t, Columns.RUN_ID).getString(r));
        }
      }
    }
    if (runs.isEmpty()) {
      return t;
    }
    boolean has = t.columnNames().contains(Columns.ROLE);
    StringColumn role = StringColumn.create(Columns.ROLE);
    for (int r = 0; r < t.rowCount(); r++) {
      String run = t.column(Columns.RUN_ID).getString(r);
      role.append(
          runs.contains(run)
              ? Role.TARGET.key()
              : has ? t.column(Columns.ROLE).getString(r) : Role.SAMPLING.key());
    }
    Table copy = t.copy();
    if (has) {
      copy.replaceColumn(Columns.ROLE, role);
    } else {
      copy.addColumns(role);
    }
    return copy;
  }
}
