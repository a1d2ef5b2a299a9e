package org.scalecast.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.scalecast.fit.Chain;
import org.scalecast.fit.FitModel;
import org.scalecast.fit.Prediction;
import org.scalecast.fit.flp.AdvanceSummary;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.fit.flp.PredictionRow;
import org.scalecast.fit.flp.Predictions;
import org.scalecast.fit.flp.Target;
import org.scalecast.fit.flp.TargetPredictor;
import org.scalecast.fit.flp.Targets;
import org.scalecast.fit.io.FitFile;
import org.scalecast.harness.sweep.Sweeps;
import org.scalecast.results.Columns;
import org.scalecast.results.InputException;
import org.scalecast.results.QuantityKind;
import org.scalecast.results.ResultsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code scalecast predict}: evaluates saved fits, chained, with intervals. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Two ways. With --config FIT.yaml: predict each target of a ladder or results table by every",
      "method, choose one per quantity in advance by backtest, and refuse what the runs cannot",
      "predict (the README's main use). With --fit: predict from saved fits at --at points.",
      "Several --fit files chain: each output feeds the next fit's input",
      "of the same name (e.g. a loss law's L into gadre-error's L), or of another name with --bind",
      "(e.g. --bind x=L: sigmoid's x takes chinchilla's L). The last stage's interval carries every",
      "stage's uncertainty: by the delta method, or by the bootstrap through the whole chain when",
      "every fit file has bootstrap samples (paired by resample when fitted over the same runs",
      "with the same seed)."
    })
public final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--fit",
      paramLabel = "FIT.json",
      description = "A fit file from 'scalecast fit --out' or '--json' (repeat to chain).")
  List<Path> fits = new ArrayList<>();

  @Option(
      names = "--at",
      paramLabel = "VAR=VALUE[,VAR=VALUE]...",
      description = "Where to predict (repeat for several points).")
  List<String> at = new ArrayList<>();

  @Option(
      names = "--bind",
      paramLabel = "INPUT=OUTPUT[,INPUT=OUTPUT]...",
      description =
          "Chain across names: a later fit's INPUT reads an earlier fit's OUTPUT, e.g. x=L.")
  List<String> bind = new ArrayList<>();

  @Parameters(
      arity = "0..1",
      paramLabel = "RUNS_DIR|TABLE",
      description =
          "With --config: a runs folder or a results CSV holding sampling runs and the target"
              + " (none when the config has a 'ladder:' section).")
  Path source;

  @Option(
      names = "--config",
      paramLabel = "FIT.yaml",
      description =
          "Predict target runs from the sampling runs by every method (ladder, targets, losses,"
              + " tasks).")
  Path config;

  @Option(
      names = "--level",
      defaultValue = "0.95",
      description =
          "Interval coverage (default: ${DEFAULT-VALUE}; with --config, the config's level: unless"
              + " given).")
  double level;

  @Option(
      names = "--json",
      description =
          "Print a JSON list: with --config one object per target, quantity and method; with --fit"
              + " one per point and stage.")
  boolean json;

  /**
   * One predicted quantity.
   *
   * @param at the inputs given
   * @param quantity the predicted variable
   * @param law the law that produced it
   * @param predicted point prediction
   * @param stdError delta-method standard error
   * @param lower interval lower end
   * @param upper interval upper end
   * @param level coverage
   * @param interval how the interval was made
   * @param warning why not to trust it (a loss at or below 0, a score outside [0, 1]), or null
   */
  public record Row(
      Map<String, Double> at,
      String quantity,
      String law,
      Double predicted,
      Double stdError,
      Double lower,
      Double upper,
      double level,
      String interval,
      String bootstrapPairing,
      String warning) {}

  @Override
  public Integer call() throws Exception {
    if (!(level > 0 && level < 1)) {
      throw new InputException("--level must be in (0, 1), got " + level);
    }
    if (config != null) {
      if (!fits.isEmpty() || !at.isEmpty() || !bind.isEmpty()) {
        // They were ignored, and the config's targets predicted (a bad-input hunt, twentieth
        // session).
        throw new InputException(
            "--fit, --at and --bind predict from saved fits, without --config; a config names its"
                + " own targets ('targets:', 'target_where:' or 'target_at:')");
      }
      return predictTarget();
    }
    if (source != null) {
      throw new InputException(
          "RUNS_DIR|TABLE (" + source + ") needs --config: saved fits (--fit) read no table");
    }
    if (fits.isEmpty() || at.isEmpty()) {
      throw new InputException("give --fit and --at, or RUNS_DIR|TABLE and --config");
    }
    List<FitFile> files = fits.stream().map(FitFile::read).toList();
    Map<String, String> bindings = Assignments.parse("--bind", bind);
    List<FitModel> stages;
    try {
      stages = Chain.bind(files.stream().map(FitFile::toModel).toList(), bindings);
    } catch (InputException e) {
      throw new InputException("--bind: " + e.getMessage(), e);
    }
    for (int k = 0; k < files.size(); k++) {
      for (String m :
          files.get(k).warnings() == null ? List.<String>of() : files.get(k).warnings()) {
        spec.commandLine().getErr().println("scalecast: warning: " + fits.get(k) + ": " + m);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (String point : at) {
      Map<String, Double> values = Assignments.numbers("--at", point);
      FitPoints.refuseUnknown(files, bindings, point, values);
      List<Chain.Step> steps = Chain.predict(stages, values, level);
      Map<String, Double> all = new LinkedHashMap<>(values);
      steps.forEach(s -> all.put(s.name(), s.prediction().value()));
      List<String> ranges = new ArrayList<>();
      for (int k = 0; k < steps.size(); k++) {
        // A stage's row carries its own inputs' range warnings and those of the stages before
        // it, whose outputs it reads (every row carried every stage's: a review).
        List<String> own =
            FitPoints.outsideRanges(files.subList(k, k + 1), bindings, fits.subList(k, k + 1), all);
        own.forEach(m -> spec.commandLine().getErr().println("scalecast: warning: " + m));
        ranges.addAll(own);
        Chain.Step s = steps.get(k);
        var p = s.prediction();
        QuantityKind kind = stages.get(k).law().outputKind();
        String warning = kind == null ? null : kind.outsideRange(p.value());
        if (warning != null) {
          spec.commandLine()
              .getErr()
              .println("scalecast: warning: " + point + " -> " + s.name() + ": " + warning);
        }
        rows.add(
            new Row(
                new LinkedHashMap<>(values),
                s.name(),
                stages.get(k).law().name(),
                finite(p.value()),
                finite(p.stdError()),
                finite(p.lower()),
                finite(p.upper()),
                level,
                p.method().name().toLowerCase(),
                pairing(stages, k, p.method()),
                // --json's rows said "warning": null where the text's stderr named an input
                // decades outside its fit's range (a new user, twenty-fifth session).
                joined(ranges, warning)));
      }
    }
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      w.println(FitFile.JSON.writeValueAsString(rows));
      return 0;
    }
    for (Row r : rows) {
      w.printf(
          "%s -> %s = %s  [%s, %s] (%.0f%%, %s; %s)%n",
          r.at(),
          r.quantity(),
          num(r.predicted()),
          num(r.lower()),
          num(r.upper()),
          100 * r.level(),
          r.bootstrapPairing() == null
              ? r.interval()
              : r.bootstrapPairing().equals("runs")
                  ? "bootstrap over the same runs through the chain"
                  : "bootstrap, stages resampled independently",
          r.law());
    }
    return 0;
  }

  /**
   * How a chained stage's bootstrap replicates were paired: "runs" (the fits resampled the same
   * runs with the same seed: one resample through the whole chain) or "order" (independent
   * resamples); null for the first stage or another interval.
   */
  private static String pairing(List<FitModel> stages, int k, Prediction.Method method) {
    if (k == 0 || method != Prediction.Method.BOOTSTRAP) {
      return null;
    }
    return Chain.pairedByRuns(stages.subList(0, k + 1)) ? "runs" : "order";
  }

  /** The point's range warnings and the row's own, "; "-joined; null when there are none. */
  private static String joined(List<String> ranges, String own) {
    List<String> all = new ArrayList<>(ranges);
    if (own != null) {
      all.add(own);
    }
    return all.isEmpty() ? null : String.join("; ", all);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** The row's interval as {@code [lower, upper]}, or {@code none} without one. */
  private static String interval(PredictionRow r, String none) {
    return r.lower() == null ? none : "[" + num(r.lower()) + ", " + num(r.upper()) + "]";
  }

  private static String num(Double v) {
    return v == null ? "n/a" : String.format("%.6g", v);
  }

  private int predictTarget() throws Exception {
    PredictSpec spec = withLevel(Sweeps.loadYaml(config, PredictSpec.class));
    Inputs in = Inputs.load(source, spec, config, spec().getErr());
    List<Targets.Named> all = in.predicted(spec().getErr()).all();
    PrintWriter w = spec().getOut();
    if (json) {
      w.println(FitFile.JSON.writeValueAsString(jsonRows(all)));
      return 0;
    }
    for (Targets.Named named : all) {
      if (named.name() != null) {
        w.printf("%ntarget %s: %s%n", named.name(), describe(named.predictions().target()));
      }
      print(w, named.predictions().rows(), spec.level());
      printChosen(w, named.predictions().rows(), spec.level());
    }
    if (all.size() > 1) {
      w.printf("%nall %d targets together:%n", all.size());
      AdvanceSummary.ofNamed(all).forEach(a -> w.println(a.line(spec.level())));
    }
    return 0;
  }

  /**
   * The rows chosen in advance again, one per quantity, a refusal with its reason, and per group
   * the counts and, against actual values, the mean error and how many intervals held ({@link
   * AdvanceSummary}): what the tool predicts, without the other methods' rows around it.
   */
  private static void printChosen(PrintWriter w, List<PredictionRow> rows, double level) {
    if (rows.isEmpty()) {
      return;
    }
    w.printf("%nchosen in advance (the + rows): the prediction for each quantity%n");
    int width = rows.stream().mapToInt(r -> r.quantity().length()).max().orElse(28);
    String format = "%-" + Math.max(8, width) + "s %-24s %10s %21s %10s %9s  %s%n";
    String interval = String.format(Locale.ROOT, "%.0f%% interval", 100 * level);
    w.printf(
        format,
        "quantity",
        "method",
        "predicted",
        interval,
        "actual",
        "error",
        "why refused, or the row's warnings");
    List<PredictionRow> chosen = AdvanceSummary.perQuantity(rows);
    List<String> shared = PredictionRow.sharedWarnings(chosen);
    printShared(w, shared);
    for (PredictionRow r : chosen) {
      boolean refused = r.predicted() == null;
      w.printf(
          format,
          r.quantity(),
          r.method(),
          refused ? "refused" : num(r.predicted()),
          refused ? "" : interval(r, ""),
          num(r.actual()),
          refused ? "" : error(r.kind(), r.error()),
          // Every warning of a printed row too: a 61-point interval printed with none of its
          // warnings (a new user's GPT-3 ladder; only a near-threshold caution was shown).
          r.warningExcept(shared));
    }
    AdvanceSummary.of(rows).forEach(s -> w.println(s.line(level)));
  }

  /**
   * @return the rows as today for one unnamed target; for named targets each row with its {@code
   *     target} first, then where it is: its {@code run_id} (null when planned), {@code n_params},
   *     {@code tokens} and {@code flops}, the results table's column names (a script comparing
   *     targets had only their names: thirteenth session's note)
   */
  static Object jsonRows(List<Targets.Named> all) {
    if (all.size() == 1 && all.get(0).name() == null) {
      return all.get(0).predictions().rows();
    }
    ArrayNode out = FitFile.JSON.createArrayNode();
    for (Targets.Named named : all) {
      for (PredictionRow r : named.predictions().rows()) {
        ObjectNode o = out.addObject();
        o.put("target", named.name());
        Target t = named.predictions().target();
        o.put(Columns.RUN_ID, t.runId());
        o.put(Columns.N_PARAMS, finite(t.nParams()));
        o.put(Columns.TOKENS, finite(t.tokens()));
        o.put(Columns.FLOPS, finite(t.flops()));
        o.setAll((ObjectNode) FitFile.JSON.valueToTree(r));
      }
    }
    return out;
  }

  static String describe(Target t) {
    return String.format(
        Locale.ROOT,
        "%sN = %.4g, D = %.4g, C = %.4g",
        t.runId() == null ? "planned, " : "run " + t.runId() + ", ",
        t.nParams(),
        t.tokens(),
        t.flops());
  }

  private static void print(PrintWriter w, List<PredictionRow> rows, double level) {
    String interval = String.format(Locale.ROOT, "%.0f%% interval", 100 * level);
    // The method column as wide as its longest entry: chinchilla+exponential with its marks pushed
    // every later column out of line (a new user's report).
    int width = rows.stream().mapToInt(r -> r.method().length() + 4).max().orElse(16);
    // The quantity column as wide as its longest name too: OLMo's 52-character task names pushed
    // every column of their rows out of line (a new user, fifteenth session).
    int names = rows.stream().mapToInt(r -> r.quantity().length()).max().orElse(28);
    String format =
        "%-"
            + Math.max(28, names)
            + "s %-"
            + Math.max(16, width)
            + "s %10s %21s %10s %9s %9s %9s %9s  %s%n";
    w.printf(
        format,
        "quantity",
        "method",
        "predicted",
        interval,
        "actual",
        "error",
        "backtest",
        "expected",
        "LORO",
        "warning");
    // No hindsight without actual values: a planned target's legend explained a mark no row has.
    boolean hindsight = rows.stream().anyMatch(r -> r.actual() != null);
    w.println(
        (hindsight ? "(* best method for the quantity, in hindsight; + chosen" : "(+ chosen")
            + " in advance by the smallest"
            + " backtest error expected at the target's distance, or by the LORO error where no"
            + " method has enough backtest cases (its warning says so); errors relative for losses, in"
            + " points for scores; backtest: mean error predicting the top of the ladder from the"
            + " rest; expected: that error scaled to the target's extrapolation distance, which"
            + " chooses and refuses; LORO: leave-one-run-out error on the sampling runs, a"
            + " diagnostic)");
    List<String> shared = PredictionRow.sharedWarnings(rows);
    printShared(w, shared);
    Set<String> compared = compared(rows);
    for (PredictionRow r : rows) {
      w.printf(
          format,
          r.quantity(),
          r.method()
              // No hindsight without an actual value: a planned target's rows were marked '* +'.
              + (r.best() && r.actual() != null && compared.contains(r.quantity()) ? " *" : "")
              + (r.chosenInAdvance() ? " +" : ""),
          num(r.predicted()),
          interval(r, "n/a"),
          num(r.actual()),
          error(r.kind(), r.error()),
          error(r.kind(), r.backtestError()),
          error(r.kind(), r.backtest() == null ? null : r.backtest().expectedError()),
          error(r.kind(), r.loroError()),
          r.warningExcept(shared));
    }
  }

  /**
   * The quantities with numbers from two methods or more: only there is one best in hindsight (a
   * new user's Sloth ladder, twenty-second session, read the mark on its only method).
   */
  private static Set<String> compared(List<PredictionRow> rows) {
    Map<String, Long> numbers =
        rows.stream()
            .filter(r -> r.predicted() != null)
            .collect(Collectors.groupingBy(PredictionRow::quantity, Collectors.counting()));
    return numbers.entrySet().stream()
        .filter(e -> e.getValue() > 1)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /** The warnings every row of a table has, once above its rows instead of on each. */
  private static void printShared(PrintWriter w, List<String> shared) {
    if (!shared.isEmpty()) {
      w.println("(every row: " + String.join("; ", shared) + ")");
    }
  }

  /**
   * The interval level: {@code --level} when given on the command line, else the config's {@code
   * level:} (default 0.95).
   */
  private PredictSpec withLevel(PredictSpec s) {
    boolean given = spec.commandLine().getParseResult().hasMatchedOption("--level");
    if (!given) {
      return s;
    }
    return s.withLevel(level);
  }

  /**
   * @param source a runs folder or a results table
   * @param spec what to predict; tasks resolved by {@link PredictTasks}
   * @param configName the config's name, for errors
   * @return the predictions
   * @throws IOException when the runs folder cannot be read
   */
  static Predictions predict(Path source, PredictSpec spec, String configName) throws IOException {
    Table table = ResultsTable.load(source);
    return TargetPredictor.predict(table, PredictTasks.resolve(source, table, spec, configName));
  }

  /**
   * @param kind loss or score
   * @param error an error in the kind's unit, or null
   * @return it formatted, relative for losses and in points for scores
   */
  static String error(QuantityKind kind, Double error) {
    return error == null ? "n/a" : kind.formatError(error);
  }

  private picocli.CommandLine spec() {
    return spec.commandLine();
  }
}
