package org.scalecast.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scalecast.fit.flp.Coverage;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.harness.sweep.Sweeps;
import org.scalecast.results.AtomicFiles;
import org.scalecast.results.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code scalecast backtest}: measures prediction errors and interval coverage on a ladder. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = {
      "Predict every run of a ladder from the runs with at most --max-compute-ratio of its compute,",
      "as 'predict --config' does, and report per quantity and method the errors, how often the",
      "interval covered the actual value, and its median width."
    })
public final class BacktestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "RUNS_DIR|TABLE",
      arity = "0..1",
      description = "A runs folder or a results CSV; none when the config has a 'ladder:' section.")
  Path source;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FIT.yaml",
      description =
          "The prediction config (losses, tasks, backtest). Its trained targets are not set"
              + " apart: they are runs of the ladder like the others, predicted (with their actual"
              + " values) and predicted from; to keep one unseen, remove it from targets: and"
              + " leave its run out with the ladder's where: (targets are exempt from where:)."
              + " Planned targets (at:) are not used.")
  Path config;

  @Option(
      names = "--max-compute-ratio",
      defaultValue = "0.25",
      description =
          "Predict each run from those with at most this share of its compute"
              + " (default: ${DEFAULT-VALUE}, Gadre et al.'s protocol); a run is predicted only"
              + " when at least "
              + Coverage.MIN_SMALLER_RUNS
              + " runs lie below it.")
  double ratio;

  @Option(
      names = "--level",
      defaultValue = "0.9",
      description = "Interval coverage to measure (default: ${DEFAULT-VALUE}).")
  double level;

  @Option(
      names = "--cases",
      paramLabel = "FILE.csv",
      description =
          "Also write every predicted run's rows (each method; prediction, interval, actual,"
              + " error, covered, expected error) to this CSV.")
  Path casesOut;

  /**
   * Says how many of the ladder's runs were predicted: a new user's GPT-3 ladder had one of seven,
   * and nothing said so (the rule was in --help only).
   */
  private void noteSkipped(long runs, List<Coverage.Case> cases) {
    long predicted = cases.stream().map(Coverage.Case::run).distinct().count();
    if (predicted < runs) {
      spec.commandLine()
          .getErr()
          .printf(
              Locale.ROOT,
              "scalecast: note: backtest: %d of the ladder's %d runs predicted; each of the others"
                  + " has fewer than %d runs with at most %s of its compute (--max-compute-ratio),"
                  + " or could not be predicted%n",
              predicted,
              runs,
              Coverage.MIN_SMALLER_RUNS,
              ratio);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!(level > 0 && level < 1)) {
      throw new InputException("--level must be in (0, 1), got " + level);
    }
    if (!(ratio > 0 && ratio < 1)) {
      throw new InputException("--max-compute-ratio must be in (0, 1), got " + ratio);
    }
    OutputPaths.notAnInput("--cases", casesOut, source, config);
    if (casesOut != null && Files.isDirectory(casesOut)) { // it failed after the whole backtest
      throw new InputException("--cases " + casesOut + ": is a folder; give a file (cases.csv)");
    }
    PredictSpec s = Sweeps.loadYaml(config, PredictSpec.class);
    Inputs in = Inputs.load(source, s, config, spec.commandLine().getErr());
    if (s.level() != level && Sweeps.hasKey(config, "level")) { // silently ignored before
      spec.commandLine()
          .getErr()
          .printf(
              "scalecast: note: %s's level: %s is not what this measures: backtest measures"
                  + " --level %s%n",
              config.getFileName(), s.level(), level);
    }
    // Every run is a target in turn: the config's targets are dropped, its methods and
    // preparations kept.
    List<Coverage.Case> cases =
        in.cases(
            p -> p.withTarget(Map.of(), null).withLevel(level),
            ratio,
            new BacktestProgress(spec.commandLine().getErr()));
    if (casesOut != null) {
      Table ct = Coverage.casesTable(cases);
      AtomicFiles.write(casesOut, os -> ct.write().csv(os));
    }
    noteSkipped(in.runIds().size(), cases);
    List<Coverage.Row> rows = Coverage.summarise(cases);
    PrintWriter w = spec.commandLine().getOut();
    // As wide as the longest method (chinchilla+exponential pushed later columns out of line).
    int width = Math.max(20, rows.stream().mapToInt(r -> r.method().length() + 1).max().orElse(0));
    w.printf(
        "%-28s %-" + width + "s %6s %8s %10s %16s %12s%n",
        "quantity",
        "method",
        "cases",
        "refused",
        "error",
        "coverage",
        "med. width");
    for (Coverage.Row r : rows) {
      w.printf(
          Locale.ROOT,
          "%-28s %-" + width + "s %6d %8d %10s %16s %12s%n",
          r.quantity(),
          r.method(),
          r.cases(),
          r.refused(),
          Double.isNaN(r.meanError()) ? "n/a" : r.kind().formatError(r.meanError()),
          coverage(r),
          Double.isNaN(r.medianWidth()) ? "n/a" : r.kind().formatError(r.medianWidth()));
    }
    w.printf(
        Locale.ROOT,
        "(errors and widths relative for losses, in points for scores; coverage of the %.0f%%"
            + " interval: covered of those with one, and how many predictions had none)%n",
        100 * level);
    return 0;
  }

  /**
   * Covered of the predictions with an interval, and those without one: a method chosen by
   * leave-one-run-out without an interval left the denominator 9 of 10 cases unsaid (a new user,
   * twenty-fifth session). A case without an actual value is in neither.
   */
  static String coverage(Coverage.Row r) {
    int none = r.noInterval();
    String covered =
        r.withInterval() == 0
            ? "n/a"
            : String.format(Locale.ROOT, "%d/%d", r.covered(), r.withInterval());
    return none > 0 ? covered + ", " + none + " none" : covered;
  }
}
