package org.scalecast.harness.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.fit.flp.PredictionRow;
import org.scalecast.harness.report.Report;
import org.scalecast.harness.sweep.Sweeps;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.Provenance;
import org.scalecast.results.ResultsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

/** {@code scalecast report}: predictions, figures and tables in one self-contained folder. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Predict the target as 'predict --config' does and write a report folder: report.md with PNG",
      "figures (loss against FLOPs, score against loss per task, predicted against actual) and",
      "the tables as CSV and JSON (predictions.json is the 'predict --json' list)."
    })
public final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RUNS_DIR|TABLE", description = "A runs folder or a results CSV.")
  Path source;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FIT.yaml",
      description = "What to predict (as for 'predict --config'), e.g. configs/quick-predict.yaml.")
  Path config;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The report folder (created; files in it are replaced).")
  Path out;

  @Option(
      names = "--mixture-budget",
      paramLabel = "FLOPS",
      description =
          "Also fit FLP-M (the table needs runs at 3 or more code shares) and add its mixture"
              + " curves at this compute: mixture.png, mixture.csv and a section of report.md.")
  Double mixtureBudget;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path md = write(source, Sweeps.loadYaml(config, PredictSpec.class), out, config.toString());
    if (mixtureBudget != null) {
      mixture(md);
    }
    spec.commandLine().getOut().println("report: " + md);
    return 0;
  }

  /**
   * @param source runs folder or table
   * @param spec what to predict
   * @param out report folder
   * @param configName the prediction config's name, for the header
   * @return the report's Markdown file
   * @throws Exception when reading or writing fails
   */
  static Path write(Path source, PredictSpec spec, Path out, String configName) throws Exception {
    if (!Files.exists(source)) {
      throw new InputException(source + ": no such runs folder or table");
    }
    PredictSpec resolved = PredictCommand.withRunTasks(source, spec);
    Table table = Files.isDirectory(source) ? ResultsTable.collect(source) : CsvTables.read(source);
    List<PredictionRow> rows = org.scalecast.fit.flp.TargetPredictor.predict(table, resolved);
    Provenance p = Provenance.capture();
    List<String> header =
        List.of(
            "Made "
                + p.createdAt()
                + " by scalecast "
                + p.scalecastVersion()
                + " (git "
                + p.gitCommit()
                + (p.gitDirty() ? ", uncommitted changes" : "")
                + ")"
                + " from `"
                + source
                + "` with `"
                + configName
                + "`: "
                + table.rowCount()
                + " checkpoint rows.");
    return new Report(table, resolved, rows).write(out, header);
  }

  /** FLP-M's curves at the budget, appended to the report. */
  private void mixture(Path md) throws Exception {
    if (!(mixtureBudget > 0)) {
      throw new InputException("--mixture-budget must be > 0 FLOPs, got " + mixtureBudget);
    }
    Table t = Files.isDirectory(source) ? ResultsTable.collect(source) : CsvTables.read(source);
    PredictSpec spec =
        PredictCommand.withRunTasks(source, Sweeps.loadYaml(config, PredictSpec.class));
    List<String> losses =
        t.columnNames().stream()
            .filter(c -> c.startsWith("mix_"))
            .map(c -> "val_loss_" + c.substring(4))
            .toList();
    org.scalecast.fit.flpm.MixtureSpec ms =
        new org.scalecast.fit.flpm.MixtureSpec("mix_code", losses, spec.tasks());
    org.scalecast.fit.flpm.MixturePredictor p = org.scalecast.fit.flpm.MixturePredictor.fit(t, ms);
    double lo = t.doubleColumn("mix_code").min();
    double hi = t.doubleColumn("mix_code").max();
    double[] grid = new double[21];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = lo + (hi - lo) * i / (grid.length - 1);
    }
    List<org.scalecast.fit.flpm.MixturePoint> points =
        org.scalecast.fit.flpm.MixturePoint.sweep(p, mixtureBudget, grid);
    Files.writeString(out.resolve("mixture.csv"), MixtureText.csv(points));
    new org.scalecast.harness.report.MixtureFigure(points, List.of(), ms)
        .write(out.resolve("mixture.png"));
    org.scalecast.fit.flpm.MixturePoint best = org.scalecast.fit.flpm.MixturePoint.best(points);
    Files.writeString(
        md,
        String.format(
            java.util.Locale.ROOT,
            "%n## Mixtures (FLP-M)%n%nAt C = %.3g FLOPs the predicted best code share is r = %.3f"
                + " (mean chance-normalised score %.4f); every share in `mixture.csv`.%n%n"
                + "![mixture.png](mixture.png)%n",
            mixtureBudget,
            best.r(),
            best.objective()),
        java.nio.file.StandardOpenOption.APPEND);
  }
}
