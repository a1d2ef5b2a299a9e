package org.scalecast.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.QuantityKind;
import org.scalecast.results.RowFilter;
import tech.tablesaw.api.Table;

/**
 * Binds a law's variables to a table's columns and extracts the points to fit. A variable is read
 * from the column of its own name unless {@code --map VAR=COLUMN} says otherwise; rows are kept
 * when every {@code --where} filter holds; a {@code run_id} column, when present, groups rows by
 * run.
 */
public final class TableObservations {
  private TableObservations() {}

  /**
   * @param law the law
   * @param map variable to column overrides
   * @return variable to column, for every input and the output
   */
  public static Map<String, String> bindings(ScalingLaw law, Map<String, String> map) {
    List<String> vars = new ArrayList<>(law.inputs());
    vars.add(law.output());
    for (String k : map.keySet()) {
      if (!vars.contains(k)) {
        throw new InputException(
            "--map "
                + k
                + "=...: law "
                + law.name()
                + " has no variable "
                + k
                + " (variables: "
                + String.join(", ", vars)
                + ")");
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String v : vars) {
      out.put(v, map.getOrDefault(v, v));
    }
    return out;
  }

  /**
   * @param table the table
   * @param law the law
   * @param bindings variable to column, from {@link #bindings}
   * @param filters row conditions, all of which must hold
   * @param objective the objective (log objectives need a positive output)
   * @return the points, with run ids when the table has a run_id column
   */
  public static Observations extract(
      Table table,
      ScalingLaw law,
      Map<String, String> bindings,
      List<RowFilter> filters,
      Objective objective) {
    bindings.values().forEach(c -> CsvTables.column(table, c));
    filters.forEach(f -> CsvTables.column(table, f.column()));
    boolean hasRunId = table.columnNames().contains(Columns.RUN_ID);
    List<double[]> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int row = 0; row < table.rowCount(); row++) {
      final int r = row;
      if (!filters.stream().allMatch(f -> f.test(table, r))) {
        continue;
      }
      double[] x = new double[law.inputs().size()];
      for (int j = 0; j < x.length; j++) {
        String var = law.inputs().get(j);
        x[j] =
            positiveIfNeeded(
                table, bindings.get(var), row, law.positiveInputs().contains(var), law.name());
      }
      xs.add(x);
      ys.add(output(table, bindings.get(law.output()), row, law, objective));
      ids.add(hasRunId ? table.column(Columns.RUN_ID).getString(row) : null);
    }
    if (xs.isEmpty()) {
      throw new InputException(
          table.name() + ": no rows match " + (filters.isEmpty() ? "(empty table)" : filters));
    }
    return new Observations(
        law.inputs(),
        law.output(),
        xs.toArray(double[][]::new),
        ys.stream().mapToDouble(Double::doubleValue).toArray(),
        ids);
  }

  /**
   * A point's output, above 0 where the objective takes its log or the law's output is a loss: a
   * negative loss was fitted by negative parameters, "converged" (a bad-input hunt, twentieth
   * session).
   */
  private static double output(
      Table t, String column, int row, ScalingLaw law, Objective objective) {
    if (objective.onLogs()) {
      return positiveIfNeeded(t, column, row, true, objective.spec());
    }
    double v = CsvTables.number(t, column, row);
    if (law.outputKind() == QuantityKind.LOSS && !(v > 0)) {
      throw new InputException(
          CsvTables.cell(t, column, row)
              + ": "
              + v
              + " must be > 0 ("
              + law.name()
              + "'s "
              + law.output()
              + " is a loss)");
    }
    return v;
  }

  private static double positiveIfNeeded(
      Table t, String column, int row, boolean positive, String why) {
    double v = CsvTables.number(t, column, row);
    if (positive && !(v > 0)) {
      throw new InputException(
          CsvTables.cell(t, column, row) + ": " + v + " must be > 0 (" + why + " takes its log)");
    }
    return v;
  }
}
