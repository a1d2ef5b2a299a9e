package org.scalecast.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.scalecast.fit.flp.AdvanceSummary;
import org.scalecast.fit.flp.BacktestSpec;
import org.scalecast.fit.flp.BacktestSummary;
import org.scalecast.fit.flp.PredictionRow;
import org.scalecast.fit.flp.Target;
import org.scalecast.results.QuantityKind;

/** The prediction rows as CSV and as the Markdown of a report. */
public final class PredictionTables {
  private PredictionTables() {}

  /** One CSV column: its header and its cell of a row. */
  private record Column(String name, Function<PredictionRow, String> cell) {}

  /**
   * The CSV's columns, header and cell side by side: the JSON field names, warning last, and of the
   * backtest summary (a nested object in JSON) its cases, mean and expected error, the target's
   * distance, calibration and interval scale under their JSON names (a new user looked for the
   * expected error, which chooses and refuses, fifteenth session).
   */
  private static final List<Column> COLUMNS =
      List.of(
          new Column("quantity", PredictionRow::quantity),
          new Column("method", PredictionRow::method),
          new Column("predicted", r -> num(r.predicted())),
          new Column("lower", r -> num(r.lower())),
          new Column("upper", r -> num(r.upper())),
          new Column("actual", r -> num(r.actual())),
          new Column("abs_error", r -> num(r.absError())),
          new Column("rel_error", r -> num(r.relError())),
          new Column("covered", r -> text(r.covered())),
          new Column("loro_abs_error", r -> num(r.loroAbsError())),
          new Column("loro_rel_error", r -> num(r.loroRelError())),
          new Column("loro_runs", r -> text(r.loroRuns())),
          new Column("best", r -> String.valueOf(r.best())),
          new Column("chosen_in_advance", r -> String.valueOf(r.chosenInAdvance())),
          new Column("not_predictable", r -> String.valueOf(r.notPredictable())),
          new Column("refusal", r -> r.refusal() == null ? "" : r.refusal().key()),
          new Column("withheld", r -> num(r.withheld())),
          new Column("kind", PredictionRow::kindName),
          backtest("backtest_cases", b -> String.valueOf(b.cases())),
          backtest("backtest_mean_error", b -> num(b.meanError())),
          backtest("expected_error", b -> num(b.expectedError())),
          backtest("target_distance", b -> num(b.targetDistance())),
          backtest("calibration", b -> String.valueOf(b.calibration())),
          backtest(
              "interval_scale",
              b ->
                  b.intervalScale() == null
                      ? ""
                      : b.intervalScale().name().toLowerCase(Locale.ROOT)),
          new Column(
              "warning",
              r -> r.warning() == null ? "" : "\"" + r.warning().replace("\"", "\"\"") + "\""));

  /** A column of the row's backtest summary, empty without one. */
  private static Column backtest(String name, Function<BacktestSummary, String> cell) {
    return new Column(name, r -> r.backtest() == null ? "" : cell.apply(r.backtest()));
  }

  /**
   * @param rows prediction rows
   * @return them as CSV, one row each, under {@link #COLUMNS}' names
   */
  public static String csv(List<PredictionRow> rows) {
    StringBuilder sb =
        new StringBuilder(String.join(",", COLUMNS.stream().map(Column::name).toList()))
            .append('\n');
    for (PredictionRow r : rows) {
      sb.append(String.join(",", COLUMNS.stream().map(c -> c.cell().apply(r)).toList()))
          .append('\n');
    }
    return sb.toString();
  }

  private static String text(Object v) {
    return v == null ? "" : v.toString();
  }

  private static String num(Double v) {
    return v == null ? "" : String.format(Locale.ROOT, "%.6g", v);
  }

  /**
   * @param header lines saying where the report comes from
   * @param target the predicted run
   * @param rows prediction rows
   * @param figures PNG file names beside the report
   * @param level the intervals' coverage
   * @return the report's Markdown
   */
  public static String markdown(
      List<String> header,
      Target target,
      List<PredictionRow> rows,
      List<String> figures,
      double level,
      BacktestSpec backtest) {
    List<String> md = new ArrayList<>();
    md.add("# scalecast report");
    md.add("");
    md.addAll(header);
    md.add("");
    md.add(
        target.runId() == null
            ? String.format(
                Locale.ROOT,
                "Target: a planned run, N = %.4g, D = %.4g, C = %.4g FLOPs (not trained: no actual"
                    + " values).",
                target.nParams(),
                target.tokens(),
                target.flops())
            : String.format(
                Locale.ROOT,
                "Target: run `%s`, N = %.4g, D = %.4g, C = %.4g FLOPs, held out of every fit.",
                target.runId(),
                target.nParams(),
                target.tokens(),
                target.flops()));
    md.add("");
    // The prediction first: a new user read the hindsight table, which the report opened with and
    // which has numbers for refused quantities, as the tool's predictions (fifteenth session).
    md.add("## The prediction: method chosen in advance");
    md.add("");
    md.add(
        "Chosen before the target's actual values are known, by the smallest backtest error"
            + " expected at the target's extrapolation distance (see \"Can you trust this?\";"
            + " leave-one-run-out only when no method has `backtest.min_cases` backtest cases). A"
            + " refused quantity has no number, and its warning says why:");
    md.add("");
    table(md, AdvanceSummary.perQuantity(rows), level);
    md.add("");
    AdvanceSummary.of(rows).forEach(a -> md.add("- " + a.line(level)));
    md.add("");
    trust(md, rows, backtest, figures);
    md.add("## Best method in hindsight (not a prediction)");
    md.add("");
    md.add(
        "Known only once the target is trained: the smallest error against its actual value;"
            + " without one (a planned target), the method chosen in advance. These rows may have"
            + " numbers for quantities refused above. LORO (leave-one-run-out) is relative for"
            + " losses and in points for scores.");
    md.add("");
    hindsight(md, rows, level);
    md.add("## Figures");
    md.add("");
    md.add("Each figure is also beside this file as an SVG of the same name, for papers.");
    md.add("");
    for (String f : figures) {
      md.add("![" + f + "](" + f + ")");
      md.add("");
    }
    md.add("## Every method");
    md.add("");
    table(md, rows, level);
    md.add("");
    md.add(
        "Tables beside this file: `predictions.csv` and `predictions.json` (these rows),"
            + " `results.csv` (every checkpoint of every run).");
    return String.join("\n", md) + "\n";
  }

  /**
   * The best rows in hindsight, or one line when each is the prediction chosen in advance, printed:
   * the table then repeated the prediction's row for row (a new user's ladder of three released
   * models, one method per task, seventeenth session).
   */
  private static void hindsight(List<String> md, List<PredictionRow> rows, double level) {
    List<PredictionRow> best = rows.stream().filter(PredictionRow::best).toList();
    List<PredictionRow> other =
        best.stream().filter(r -> !r.chosenInAdvance() || r.predicted() == null).toList();
    if (best.isEmpty() || other.size() == best.size()) {
      table(md, best, level);
    } else if (other.isEmpty()) {
      md.add(
          best.size() == AdvanceSummary.perQuantity(rows).size()
              ? "For every quantity it is the method chosen in advance: the rows of the prediction"
                  + " above."
              : "For every quantity predicted above it is the method chosen in advance; the"
                  + " refused ones have no best method (no other method's number, or no actual"
                  + " value to judge one by; the numbers their refusals withheld: column"
                  + " `withheld` of `predictions.csv`).");
    } else {
      md.add(
          "For the quantities not below it is the method chosen in advance, with the prediction"
              + " above; for these it is not, or the prediction was refused:");
      md.add("");
      table(md, other, level);
    }
    md.add("");
  }

  /**
   * The backtest figures this report has: a ladder without backtest cases has none, and the text
   * named both anyway (a new user's DCLM report).
   */
  private static String backtestFigures(List<String> figures) {
    List<String> drawn =
        figures.stream().filter(f -> f.startsWith("backtest_")).map(f -> "`" + f + "`").toList();
    return drawn.isEmpty()
        ? " No backtest figure: no method has a backtest case."
        : " Figure" + (drawn.size() > 1 ? "s: " : ": ") + String.join(" and ", drawn) + ".";
  }

  /**
   * The "can you trust this?" section: per quantity, the method chosen in advance and why, its
   * backtest and leave-one-run-out errors, its interval and how it was calibrated, and how far the
   * methods' predictions spread.
   */
  static void trust(
      List<String> md, List<PredictionRow> rows, BacktestSpec backtest, List<String> figures) {
    md.add("## Can you trust this?");
    md.add("");
    // Bullets, not one paragraph: a new user (twenty-sixth session) met about 2,000 characters in
    // one paragraph before the table.
    md.add("How to read the table:");
    md.add("");
    md.add(
        "- **Chosen in advance**: the method with the smallest expected backtest error (the top of"
            + " the ladder's compute held out and predicted from the rest; for a target"
            + " `backtest.far_distance` decades or more out, also the runs above"
            + " `backtest.far_quantiles`). When no method has `backtest.min_cases` backtest cases,"
            + " leave-one-run-out chooses, and the why column says so.");
    md.add(
        "- **Backtest error, expected at d\\***: the backtest error is the mean over the cases at"
            + " their own distances d; \"expected at d*\" scales each to the target's extrapolation"
            + " distance d* (decades of compute) by (d* + d0) / (d + d0), d0 ="
            + " `backtest.distance_offset`, weighted toward the holdouts nearest d*, over the"
            + " held-out runs every method of the quantity predicted, so it can be smaller than the"
            + " mean. It is what chooses and refuses.");
    md.add(
        "- **Interval**: a split-conformal bound (Lei et al. 2018) on the errors pooled over every"
            + " method of the quantity within the refusal threshold (the chosen method's own"
            + " errors are biased low: it won on them), scaled to the target by distance as above"
            + " or by leverage (how far the target lies from the fitted runs' log compute, counting"
            + " how many there were and their spread): per row the scale whose bound, from the"
            + " shallower holdouts, covered the deepest holdout's cases, the narrower if both did,"
            + " the wider if neither; with too few cases to tell, leverage for a task score or the"
            + " mean error and distance for a loss (`backtest.interval_scale`). Calibration"
            + " `too_few_cases`: a Student-t bound on the pooled errors, joined with the fit's own"
            + " interval where it has one, without a guarantee. Coverage is"
            + " leave-one-backtest-case-out.");
    md.add(
        "- **Refused** when no method is within the threshold; when only methods that could not"
            + " be backtested on every held-out run are; when a method within it predicts outside"
            + " the chosen interval (and outside the distance scale's; one backtested at fewer"
            + " holdout depths than the chosen one counts only from more than the threshold away);"
            + " when no sampling run has emerged on a task and the target is"
            + " `backtest.far_distance` decades or more out; on a thin ladder (no method with"
            + " `backtest.min_cases` cases), when its few backtests or every leave-one-run-out"
            + " error miss by more than the threshold; when every checked method's fit did not"
            + " converge (such a fit is never chosen); and, for the mean error, when 1 - the mean"
            + " of the tasks' own predictions lies outside its interval. A method just above the"
            + " threshold (at most "
            + BacktestSpec.NEAR_THRESHOLD
            + " times it) that predicts outside the interval is named in the row's warning.");
    md.add(
        "- **Disagreement**: the spread of the predictions of the methods within the threshold,"
            + " as the refusal counts them (by the expected error at d*, or by the"
            + " leave-one-run-out error where a method has too few backtest cases; points for a"
            + " score, relative to the chosen prediction for a loss, or to the methods' midpoint"
            + " when it was refused), then in brackets every method's; n/a where fewer than two"
            + " are within it.");
    md.add("-" + backtestFigures(figures));
    md.add("");
    List<PredictionRow> chosen = rows.stream().filter(PredictionRow::chosenInAdvance).toList();
    noBacktest(md, rows);
    // Only refused rows print their warning in this table: what those share is said once.
    List<String> shared =
        PredictionRow.sharedWarnings(chosen.stream().filter(r -> r.predicted() == null).toList());
    sharedLine(md, shared);
    md.add(
        "| quantity | chosen | why | backtest error | expected at d* | LORO | interval |"
            + " calibration | coverage | disagreement |");
    md.add("|---|---|---|---|---|---|---|---|---|---|");
    for (PredictionRow c : chosen) {
      List<PredictionRow> same =
          rows.stream().filter(r -> r.quantity().equals(c.quantity())).toList();
      var b = c.backtest();
      String why = why(c, same, backtest);
      md.add(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
              c.quantity(),
              c.method(),
              c.predicted() == null ? "refused: " + c.warningExcept(shared) : why,
              error(c.kind(), c.backtestError()),
              error(c.kind(), b == null ? null : b.expectedError()),
              error(c.kind(), c.loroError()),
              c.lower() == null ? "n/a" : "[" + fmt(c.lower()) + ", " + fmt(c.upper()) + "]",
              calibration(b),
              b == null || b.coverage() == null ? "n/a" : percent(b.coverage()),
              disagreement(c, same, backtest)));
    }
    md.add("");
  }

  /**
   * Says so, first, when no quantity has a backtest case: every column about backtests below is
   * then empty, under a paragraph about backtests (a new user's ladder of three released models,
   * seventeenth session).
   */
  private static void noBacktest(List<String> md, List<PredictionRow> rows) {
    boolean none = rows.stream().allMatch(r -> r.backtest() == null || r.backtest().cases() == 0);
    if (none && !rows.isEmpty()) {
      md.add(
          "**No backtest on this ladder.** No method has a backtest case for any quantity (a"
              + " holdout must leave at least "
              + BacktestSpec.MIN_FIT_RUNS
              + " sampling runs to fit, so a ladder of "
              + BacktestSpec.MIN_FIT_RUNS
              + " or fewer has none; `backtest:` settings can leave none too). Where a method is"
              + " chosen below, leave-one-run-out chose it, which measures interpolation; the"
              + " intervals are the fits' own (calibration `none`), with no measured coverage.");
      md.add("");
    }
  }

  /**
   * Why the method was chosen: by its expected backtest error when its backtests decide ({@link
   * BacktestSpec#decides}), else by leave-one-run-out. On OPT 125M-2.7B the report said "smallest
   * expected backtest error" where leave-one-run-out had chosen (thirteenth session, a new user).
   */
  private static String why(PredictionRow c, List<PredictionRow> same, BacktestSpec backtest) {
    var b = c.backtest();
    // The methods the choice weighed: those that predicted, from a fit that converged.
    List<PredictionRow> weighed =
        same.stream().filter(r -> r.predicted() != null && r.converged()).toList();
    if (backtest.decides(b)) {
      long k = weighed.stream().filter(r -> backtest.decides(r.backtest())).count();
      return String.format(
          Locale.ROOT,
          "smallest expected backtest error of %d method%s with %d or more cases; %d cases, d* ="
              + " %.2f",
          k,
          k == 1 ? "" : "s",
          backtest.minCases(),
          b.cases(),
          b.targetDistance());
    }
    int most =
        weighed.stream()
            .filter(r -> r.backtest() != null)
            .mapToInt(r -> r.backtest().cases())
            .max()
            .orElse(0);
    return most == 0
        ? "no backtest case: smallest LORO error"
        : String.format(
            Locale.ROOT,
            "smallest LORO error: no method has %d backtest cases (most: %d)",
            backtest.minCases(),
            most);
  }

  /**
   * The spread of the predictions of the methods within the refusal threshold at d*, whose
   * disagreement can refuse, then every method's: a new user (twenty-sixth session) read every
   * method's spread, 43.1 points on a predicted task and 12.5 on one refused for disagreement, as
   * contradicting the refusals. With one method that predicted, or was refused (its number
   * withheld), there is no spread ("n/a (all: 0.0 pt)" read as agreement: a new user's Jais ladder,
   * twenty-eighth session; a refused row counts: a review).
   */
  private static String disagreement(
      PredictionRow c, List<PredictionRow> same, BacktestSpec backtest) {
    // A refused method counts with the number it withholds (it printed "0.0 pt" beside a refusal
    // for disagreement: a review).
    long methods = same.stream().filter(r -> r.numberOrWithheld() != null).count();
    if (methods < 2) {
      return methods == 0 ? "n/a: no method predicted" : "n/a: one method predicted";
    }
    // As the refusal counts them (a review: chinchilla+linear, untested, which refused Pythia's
    // ARC-Easy, was left out of the spread).
    List<PredictionRow> within = same.stream().filter(r -> r.withinThreshold(backtest)).toList();
    return (within.size() < 2 ? "n/a" : spread(c, within)) + " (all: " + spread(c, same) + ")";
  }

  /** The methods' spread in the kind's error unit: points for a score, relative for a loss. */
  private static String spread(PredictionRow c, List<PredictionRow> same) {
    java.util.DoubleSummaryStatistics s =
        same.stream()
            .map(PredictionRow::numberOrWithheld)
            .filter(java.util.Objects::nonNull)
            .mapToDouble(Double::doubleValue)
            .summaryStatistics();
    if (s.getCount() == 0) {
      return "n/a";
    }
    double lo = s.getMin();
    double hi = s.getMax();
    double centre = c.numberOrWithheld() != null ? c.numberOrWithheld() : (lo + hi) / 2;
    return error(c.kind(), c.kind() == QuantityKind.LOSS ? (hi - lo) / Math.abs(centre) : hi - lo);
  }

  /**
   * The calibration and, for a conformal or Student-t bound, the scale, e.g. conformal, leverage.
   */
  private static String calibration(BacktestSummary b) {
    if (b == null) {
      return "n/a";
    }
    String cal = b.calibration().name().toLowerCase(Locale.ROOT);
    return b.intervalScale() == null
        ? cal
        : cal + ", " + b.intervalScale().name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param level a coverage, e.g. 0.95
   * @return it as a percentage, e.g. {@code 95%}
   */
  public static String percent(double level) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * level);
  }

  private static void table(List<String> md, List<PredictionRow> rows, double level) {
    List<String> shared = PredictionRow.sharedWarnings(rows);
    sharedLine(md, shared);
    md.add(
        "| quantity | method | predicted | "
            + percent(level)
            + " interval | actual | error | LORO | warning |");
    md.add("|---|---|---|---|---|---|---|---|");
    for (PredictionRow r : rows) {
      md.add(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s | %s |",
              r.quantity(),
              r.method(),
              fmt(r.predicted()),
              r.lower() == null ? "n/a" : "[" + fmt(r.lower()) + ", " + fmt(r.upper()) + "]",
              fmt(r.actual()),
              error(r.kind(), r.error()),
              error(r.kind(), r.loroError()),
              r.warningExcept(shared)));
    }
  }

  /** The warnings every row of a table has, said once above it instead of on each row. */
  private static void sharedLine(List<String> md, List<String> shared) {
    if (!shared.isEmpty()) {
      md.add("Every row: " + String.join("; ", shared) + ".");
      md.add("");
    }
  }

  private static String fmt(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.4g", v);
  }

  /** Losses by relative error, scores in points (absolute): the acceptance units. */
  static String error(QuantityKind kind, Double error) {
    return error == null ? "n/a" : kind.formatError(error);
  }
}
