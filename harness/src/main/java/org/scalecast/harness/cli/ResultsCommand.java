package org.scalecast.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.scalecast.fit.flp.ItemCounts;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.fit.flp.QuantityParts;
import org.scalecast.fit.flp.Target;
import org.scalecast.fit.flp.Targets;
import org.scalecast.harness.sweep.Sweeps;
import org.scalecast.results.AtomicFiles;
import org.scalecast.results.FileError;
import org.scalecast.results.InputException;
import org.scalecast.results.ResultsTable;
import org.scalecast.results.ladder.LadderRuns;
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
      ResultsCommand.Import.class,
      ResultsCommand.LadderRead.class
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

    @Option(
        names = "--allow-partial",
        description =
            "Leave out the runs that cannot be read (no run.json, a corrupt records.jsonl) instead"
                + " of failing: each is named on stderr and listed in FILE.missing.csv beside the"
                + " table (run, file, problem), which a complete collect deletes.")
    boolean allowPartial;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      Consumer<String> notes = n -> err.println("scalecast: note: " + n);
      // A quickstart's --out folder is read through its runs/, as predict and report read it.
      Path dir = ResultsTable.runsFolder(runs, notes);
      ResultsTable.Collected c = ResultsTable.collect(dir, allowPartial, notes);
      Table t = c.table();
      if (t.rowCount() == 0) {
        throw new InputException(runs + ": " + ResultsTable.NO_RECORDS);
      }
      Path file = out != null ? out : dir.resolve("results.csv");
      Path sidecar = missingFile(file);
      if (!c.missing().isEmpty()) { // before the table: a kill in between over-warns, never under
        AtomicFiles.writeString(sidecar, ResultsTable.missingCsv(c.missing()));
      }
      ResultsTable.write(t, file);
      if (c.missing().isEmpty()) {
        try {
          Files.deleteIfExists(sidecar); // an earlier partial table's list no longer applies
        } catch (IOException e) {
          throw new FileError(sidecar, "cannot delete", e);
        }
      }
      c.missing().forEach(m -> err.println("scalecast: left out: " + m.problem()));
      spec.commandLine()
          .getOut()
          .printf("%d rows x %d columns -> %s%n", t.rowCount(), t.columnCount(), file);
      if (!c.missing().isEmpty()) {
        err.printf(
            "scalecast: partial table: %d run(s) left out, listed in %s%n",
            c.missing().size(), sidecar);
      }
      return 0;
    }

    /**
     * @param table a results CSV
     * @return the list of runs a partial collect left out of it: {@code X.missing.csv}
     */
    static Path missingFile(Path table) {
      String name = table.getFileName().toString();
      String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
      return table.resolveSibling(stem + ".missing.csv");
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

  /** {@code results ladder}: what a config's ladder was read as. */
  @Command(
      name = "ladder",
      mixinStandardHelpOptions = true,
      description = {
        "Read a prediction config's ladder: section as predict does and list its runs (id, role,",
        "N, and D and C at the final checkpoint, checkpoints), smallest C first, then its planned",
        "targets (role planned, C = 6ND)."
      })
  static final class LadderRead implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FIT.yaml", description = "Config.")
    Path config;

    @Option(
        names = "--out",
        paramLabel = "FILE.csv",
        description = "Also write the table it was read as (every checkpoint, every column).")
    Path out;

    @Override
    public Integer call() throws IOException {
      PrintWriter w = spec.commandLine().getOut();
      PredictSpec s = Sweeps.loadYaml(config, PredictSpec.class);
      if (s.ladder() == null) {
        throw new InputException(config + ": no 'ladder:' section to read");
      }
      Table t;
      String targetError = null;
      List<QuantityParts.Slice> slices = null;
      PredictSpec resolved = null;
      String itemError = null;
      try {
        Inputs in;
        try {
          in = Inputs.load(null, s, config, spec.commandLine().getErr());
        } catch (ItemCounts.Unreadable e) {
          // The listing reads no item count: the runs and --out first, then this error (a review:
          // a standard error in percent stopped the listing it would be found with).
          itemError = e.getMessage();
          // Read again without the counts; its notes were said by the first read (a review).
          PrintWriter unsaid = new PrintWriter(java.io.Writer.nullWriter());
          in = Inputs.load(null, ItemCounts.unread(s), config, unsaid);
        }
        t = in.table();
        slices = in.slices();
        resolved = in.spec();
      } catch (InputException e) {
        if (e.getMessage() == null || !e.getMessage().startsWith("target where")) {
          throw e;
        }
        // The runs are what a user with a misspelt target needs to see (a new user: the listing
        // failed exactly when it was wanted); the error still ends the command.
        targetError = e.getMessage();
        try {
          t = Inputs.ladderOnly(s, config, spec.commandLine().getErr());
        } catch (InputException other) {
          throw e; // the target's error, which the user meets first, stands
        }
      }
      // The id last: ids of 100 characters and more pushed the numbers out of line.
      w.printf("%-8s %10s %10s %10s %11s  %s%n", "role", "N", "D", "C", "checkpoints", "run_id");
      for (LadderRuns r : LadderRuns.of(t)) {
        w.printf(
            java.util.Locale.ROOT,
            ROW,
            r.role(),
            r.nParams(),
            r.tokens(),
            r.flops(),
            String.valueOf(r.checkpoints()),
            r.run());
      }
      planned(w, s);
      if (targetError != null) {
        w.flush();
        spec.commandLine()
            .getErr()
            .println(
                "scalecast: "
                    + targetError
                    + " (the runs above are every run of the checkpoints, where: not applied)");
        return 2;
      }
      // Rows that lack some predicted column are not listed, though each quantity is predicted
      // from its own, so those follow (a new user's import, twenty-third session: the listing put
      // a run's D at a checkpoint before the one predict used for most tasks).
      if (slices != null) {
        w.println(
            "(listed: the checkpoints with every predicted column; each quantity's own rows,"
                + " below, can be more)");
        QuantityRows.print(w, QuantityRows.of(LadderRuns.of(t), slices));
      }
      if (out != null) {
        ResultsTable.write(t, out);
        w.println("table: " + out + (slices != null ? " (the checkpoints listed)" : ""));
      }
      String stop = itemError != null ? itemError : stop(t, resolved, slices);
      if (stop != null) {
        // What predict's check of the table stops on, after the runs as read and the table
        // written: a run whose N differs between its rows was listed under its last row's N,
        // exit 0 (a bad-input hunt, twenty-eighth session).
        w.flush();
        spec.commandLine().getErr().println("scalecast: " + stop + " (predict stops on it)");
        return 2;
      }
      return 0;
    }
  }

  /**
   * What predict's check of the table stops on: the table's, or where the ladder is read in parts
   * each part's (a review: a bad N on a row that lacked one task's column was in no complete row,
   * and the listing passed while predict stopped); null when nothing.
   */
  private static String stop(Table t, PredictSpec spec, List<QuantityParts.Slice> slices) {
    if (slices == null) {
      return Targets.stop(t, spec);
    }
    // Each part's, as predict checks them: the complete rows' check named another smallest N for
    // a planned target than predict did (a review, thirtieth session); every complete row is in
    // every part.
    String stop = null;
    for (int i = 0; stop == null && i < slices.size(); i++) {
      stop = Targets.stop(slices.get(i).table(), slices.get(i).part().spec());
    }
    return stop;
  }

  /** A row of {@code results ladder}: role, N, D, C, checkpoints and the id last. */
  private static final String ROW = "%-8s %10.4g %10.4g %10.4g %11s  %s%n";

  /**
   * The config's planned targets after the runs, C = 6 N D, so the listing shows how far they are
   * from the ladder (left open in the twenty-fifth session: only trained targets were listed).
   */
  private static void planned(PrintWriter w, PredictSpec s) {
    List<PredictSpec> each = Targets.each(s);
    for (int i = 0; i < each.size(); i++) {
      if (each.get(i).targetAt().isEmpty()) {
        continue;
      }
      Target p = Target.resolve(null, each.get(i));
      String name = s.targets().isEmpty() ? "target_at" : s.targets().get(i).name();
      w.printf(
          java.util.Locale.ROOT, ROW, "planned", p.nParams(), p.tokens(), p.flops(), "-", name);
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

    @Parameters(paramLabel = "DIR", description = "Folder of results JSON files, or one file.")
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
      t.notes().forEach(n -> spec.commandLine().getErr().println("scalecast: note: " + n));
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
