package org.scalecast.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scalecast.fit.flp.AdvanceSummary;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.fit.flp.Predictions;
import org.scalecast.fit.flp.PreparationChoice;
import org.scalecast.fit.flp.TargetPredictor;
import org.scalecast.fit.flp.Targets;
import org.scalecast.fit.flpm.MixturePoint;
import org.scalecast.fit.flpm.MixturePredictor;
import org.scalecast.fit.flpm.MixtureSpec;
import org.scalecast.harness.report.MixtureFigure;
import org.scalecast.harness.report.Report;
import org.scalecast.harness.sweep.Sweeps;
import org.scalecast.results.AtomicFiles;
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
      "the tables as CSV and JSON (predictions.json: the target's rows as 'predict --json' prints",
      "them for one unnamed target, without its name and N, D and C, which report.md's header",
      "gives)."
    })
public final class ReportCommand implements Callable<Integer> {
  private static final String REPORT_MD = "report.md";

  /** Beside several targets' folders: each target's chosen rows added up, then all together. */
  static final String SUMMARY_MD = "summary.md";

  @Parameters(
      arity = "0..1",
      paramLabel = "RUNS_DIR|TABLE",
      description = "A runs folder or a results CSV (none when the config has a 'ladder:').")
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
      description =
          "The report folder: created, or replaced as a whole (an existing non-empty folder"
              + " must hold a report.md).")
  Path out;

  @Option(
      names = "--level",
      paramLabel = "P",
      description =
          "Interval coverage, as for 'predict' (default: the config's level:, else 0.95).")
  Double level;

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
    if (mixtureBudget != null && !(mixtureBudget > 0)) {
      throw new InputException("--mixture-budget must be > 0 FLOPs, got " + mixtureBudget);
    }
    PredictSpec asked = Sweeps.loadYaml(config, PredictSpec.class);
    if (level != null) { // predict took it and report did not (a new user, Gemstones)
      if (!(level > 0 && level < 1)) {
        throw new InputException("--level must be in (0, 1), got " + level);
      }
      asked = asked.withLevel(level);
    }
    Inputs loaded = Inputs.load(source, asked, config, spec.commandLine().getErr());
    if (!loaded.spec().targets().isEmpty()) {
      folders(loaded.spec());
    }
    // Predicted once, with the preparation prepare: chose (the figures draw it too).
    Inputs.Predicted predicted = loaded.predicted(spec.commandLine().getErr());
    Inputs in = predicted.inputs();
    Table table = in.table();
    PredictSpec resolved = in.spec();
    if (!resolved.targets().isEmpty()) {
      List<Targets.Named> all = predicted.all();
      for (int i = 0; i < all.size(); i++) {
        Path dir = out.resolve(Report.fileName(all.get(i).name()));
        Path md =
            write(
                table,
                Targets.each(resolved).get(i),
                all.get(i).predictions(),
                in.source(),
                dir,
                config + " (target " + all.get(i).name() + ")",
                null,
                in.ownTables(),
                notes(predicted.note(), in.notes()));
        spec.commandLine().getOut().println("report: " + md);
      }
      if (all.size() > 1) {
        spec.commandLine().getOut().println("report: " + summary(all, resolved.level()));
      }
      stale(all);
      return 0;
    }
    Path md =
        write(
            table,
            resolved,
            predicted.all().get(0).predictions(),
            in.source(),
            out,
            config.toString(),
            mixtureBudget == null ? null : mixture(table, resolved),
            in.ownTables(),
            notes(predicted.note(), in.notes()));
    spec.commandLine().getOut().println("report: " + md);
    return 0;
  }

  /**
   * Every target's summary lines and all of them together: a user with nine targets added up nine
   * report.md files by hand (Gemstones, twenty-seventh session).
   */
  private Path summary(List<Targets.Named> all, double level) {
    List<String> md = new java.util.ArrayList<>();
    md.add("# " + all.size() + " targets of " + config);
    md.add("");
    md.add("Each target's rows chosen in advance, added up as `predict` does; its report is in");
    md.add("the folder named after it.");
    for (Targets.Named n : all) {
      md.add("");
      md.add("## " + n.name() + " (`" + Report.fileName(n.name()) + "/" + REPORT_MD + "`)");
      md.add("");
      AdvanceSummary.of(n.predictions().rows()).forEach(a -> md.add("- " + a.line(level)));
    }
    md.add("");
    md.add("## All " + all.size() + " targets together");
    md.add("");
    AdvanceSummary.ofNamed(all).forEach(a -> md.add("- " + a.line(level)));
    Path f = out.resolve(SUMMARY_MD);
    AtomicFiles.writeString(f, String.join("\n", md) + "\n");
    return f;
  }

  /**
   * Names the report folders beside these targets' that no target of this config wrote: a renamed
   * target's old report stayed beside the new one without a word (a new user, twenty-sixth
   * session). They are left as they are: they may be the user's.
   */
  private void stale(List<Targets.Named> all) throws IOException {
    java.util.Set<Path> written = new java.util.HashSet<>();
    all.forEach(n -> written.add(out.resolve(Report.fileName(n.name()))));
    try (var dirs = Files.list(out)) {
      dirs.filter(d -> Files.isRegularFile(d.resolve(REPORT_MD)) && !written.contains(d))
          .sorted()
          .forEach(
              d ->
                  spec.commandLine()
                      .getErr()
                      .println(
                          "scalecast: note: "
                              + d
                              + " is the report of a target this config does not name; left as"
                              + " it is"));
    }
  }

  /**
   * Several targets write one report folder each, named after it: checked before anything is
   * predicted ('a b' and 'a_b' shared one: a review).
   */
  private void folders(PredictSpec given) {
    if (mixtureBudget != null) {
      throw new InputException(
          "--mixture-budget takes the one target of target_at, not several 'targets:'");
    }
    java.util.Map<String, String> folders = new java.util.HashMap<>();
    for (PredictSpec.TargetSpec t : given.targets()) {
      if (Report.fileName(t.name()).equals(SUMMARY_MD)) {
        throw new InputException(
            "target '"
                + t.name()
                + "' would be a folder named as the report's "
                + SUMMARY_MD
                + ": rename it");
      }
      String other = folders.put(Report.fileName(t.name()), t.name());
      if (other != null) {
        throw new InputException(
            "targets '"
                + other
                + "' and '"
                + t.name()
                + "' would share the report folder "
                + Report.fileName(t.name())
                + ": rename one");
      }
    }
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
    Table table = ResultsTable.load(source);
    PredictSpec resolved = PredictTasks.resolve(source, table, spec, configName);
    PreparationChoice.Chosen c =
        PreparationChoice.one(resolved, x -> TargetPredictor.predict(table, x));
    return write(
        table,
        resolved.withPrepare(c.used()),
        c.first(),
        source,
        out,
        configName,
        null,
        Map.of(),
        notes(c.note(), List.of()));
  }

  /**
   * The report's notes: what {@code prepare:} chose, then what the reading decided (the item counts
   * read from standard errors, which widen the intervals: said on stderr only until a review of the
   * twenty-ninth session).
   */
  private static List<String> notes(String prepare, List<String> read) {
    List<String> out = new java.util.ArrayList<>();
    if (prepare != null) {
      out.add(prepare);
    }
    out.addAll(read);
    return out;
  }

  /** Files added to a report folder after the report's own, before it is swapped in. */
  private interface Addition {
    void addTo(Path dir, Path md) throws IOException;
  }

  private static Path write(
      Table table,
      PredictSpec resolved,
      Predictions predictions,
      Path source,
      Path out,
      String configName,
      Addition addition,
      Map<String, Table> own,
      List<String> notes)
      throws Exception {
    Provenance p = Provenance.capture();
    List<String> header =
        new java.util.ArrayList<>(
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
                    + " checkpoint rows."));
    for (String note : notes) {
      header.add(""); // its own paragraph
      header.add("Note: " + note + ".");
    }
    Report report = new Report(table, resolved, predictions, own);
    // The folder is replaced as a whole: a kill or a full disk leaves the old report or the new.
    return AtomicFiles.replaceFolder(
        out,
        REPORT_MD,
        dir -> {
          Path md = report.write(dir, header);
          if (addition != null) {
            addition.addTo(dir, md);
          }
          return out.resolve(md.getFileName());
        });
  }

  /** FLP-M's curves at the budget, to append to the report. */
  private Addition mixture(Table t, PredictSpec resolved) {
    MixtureSpec ms = MixtureCommand.mixtureSpec(t, "code", resolved.tasks());
    List<MixturePoint> points =
        MixturePoint.sweep(
            MixturePredictor.fit(t, ms), mixtureBudget, MixtureCommand.grid(t, ms.share()));
    MixturePoint best = MixturePoint.best(points);
    double budget = mixtureBudget;
    return (dir, md) -> {
      AtomicFiles.writeString(dir.resolve("mixture.csv"), MixtureText.csv(points));
      new MixtureFigure(points, List.of(), ms).write(dir.resolve("mixture.png"));
      Files.writeString(
          md,
          String.format(
              Locale.ROOT,
              "%n## Mixtures (FLP-M)%n%nAt C = %.3g FLOPs the predicted best code share is r = %.3f"
                  + " (mean chance-normalised score %.4f); every share in `mixture.csv`.%n%n"
                  + "![mixture.png](mixture.png)%n",
              budget,
              best.r(),
              best.objective()),
          StandardOpenOption.APPEND);
    };
  }
}
