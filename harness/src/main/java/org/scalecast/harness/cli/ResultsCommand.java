package org.scalecast.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scalecast.results.InputException;
import org.scalecast.results.ResultsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code scalecast results}: the results table. */
@Command(
    name = "results",
    mixinStandardHelpOptions = true,
    description = "Build the results table.",
    subcommands = {ResultsCommand.Collect.class, ResultsCommand.Emergence.class})
public final class ResultsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code results collect}. */
  @Command(
      name = "collect",
      mixinStandardHelpOptions = true,
      description = "One CSV row per run x checkpoint, readable by 'scalecast fit'.")
  static final class Collect implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUNS_DIR", description = "Runs folder.")
    Path runs;

    @Option(
        names = "--out",
        paramLabel = "FILE.csv",
        description = "Where to write (default: RUNS_DIR/results.csv).")
    Path out;

    @Override
    public Integer call() {
      Table t = ResultsTable.collect(runs);
      if (t.rowCount() == 0) {
        throw new InputException(runs + ": no run has records yet");
      }
      Path file = out != null ? out : runs.resolve("results.csv");
      ResultsTable.write(t, file);
      spec.commandLine()
          .getOut()
          .printf("%d rows x %d columns -> %s%n", t.rowCount(), t.columnCount(), file);
      return 0;
    }
  }

  /** {@code results emergence}. */
  @Command(
      name = "emergence",
      mixinStandardHelpOptions = true,
      description = "Per task: which runs score above chance + margin, from which tokens and loss.")
  static final class Emergence implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUNS_DIR", description = "Runs folder.")
    Path runs;

    @Option(
        names = "--margin",
        defaultValue = "0.05",
        description = "Above chance by (default: ${DEFAULT-VALUE}, FLP's 5 points).")
    double margin;

    @Override
    public Integer call() throws Exception {
      EmergenceReport.print(runs, margin, spec.commandLine().getOut());
      return 0;
    }
  }
}
