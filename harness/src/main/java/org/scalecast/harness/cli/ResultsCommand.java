package org.scalecast.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scalecast.results.InputException;
import org.scalecast.results.ResultsTable;
import org.scalecast.results.ladder.LmEvalImport;
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
    subcommands = {
      ResultsCommand.Collect.class,
      ResultsCommand.Emergence.class,
      ResultsCommand.Import.class
    })
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

  /** {@code results import}. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = "Turn other tools' results into a ladder table.",
      subcommands = {ResultsCommand.LmEval.class})
  static final class Import implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  /** {@code results import lm-eval}. */
  @Command(
      name = "lm-eval",
      mixinStandardHelpOptions = true,
      description = {
        "lm-evaluation-harness results JSON (one file per model or checkpoint, searched",
        "recursively) into a CSV: run, step, then <task>_<metric> and <task>_<metric>_stderr."
      })
  static final class LmEval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Folder of results JSON files.")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "The CSV.")
    Path out;

    @Option(
        names = "--pattern",
        paramLabel = "REGEX",
        description =
            "Run and step from the file path (relative to DIR) by the named groups (?<run>...)"
                + " and (?<step>...) (other named groups become columns); default: from"
                + " config.model_args (pretrained=..., revision=stepN).")
    String pattern;

    @Option(
        names = "--long",
        description = "One row per run, step and task (columns task, acc, acc_stderr, ...).")
    boolean longShape;

    @Override
    public Integer call() {
      long t0 = System.nanoTime();
      java.util.regex.Pattern p;
      try {
        p = pattern == null ? null : java.util.regex.Pattern.compile(pattern);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new InputException(
            "--pattern: not a regular expression (" + e.getDescription() + ")");
      }
      LmEvalImport.Imported t = LmEvalImport.read(dir, p, longShape);
      t.writeCsv(out);
      spec.commandLine()
          .getOut()
          .printf(
              java.util.Locale.ROOT,
              "%d files -> %d rows x %d columns -> %s (%.1f s)%n",
              t.files(),
              t.rows().size(),
              t.header().size(),
              out,
              (System.nanoTime() - t0) / 1e9);
      return 0;
    }
  }
}
