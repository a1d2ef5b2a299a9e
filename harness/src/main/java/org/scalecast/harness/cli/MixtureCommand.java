package org.scalecast.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.fit.flpm.MixturePredictor;
import org.scalecast.fit.flpm.MixtureSpec;
import org.scalecast.fit.io.FitFile;
import org.scalecast.harness.mixture.MixtureOptimization;
import org.scalecast.harness.mixture.MixtureVerification;
import org.scalecast.results.Columns;
import org.scalecast.results.InputException;
import org.scalecast.results.ResultsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code scalecast mixture}: FLP-M, the best data mixture for a compute budget. */
@Command(
    name = "mixture",
    mixinStandardHelpOptions = true,
    description = "FLP-M: predict each mixture's scores at a budget and pick the best.",
    subcommands = {MixtureCommand.Optimize.class})
public final class MixtureCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code mixture optimize}. */
  @Command(
      name = "optimize",
      mixinStandardHelpOptions = true,
      description = {
        "Fit FLP-M on a mixture sweep (per-domain loss laws in C and the share r, and a linear and",
        "a two-layer map from domain losses to each task, compared on held-out runs), then predict",
        "every task at --budget for each share and name the best. Each domain's law (flp-m, ye-mix,",
        "bimix) is chosen by leaving one share out and the largest compute out; a bootstrap over",
        "runs gives intervals and the shares tied with the best. --verify trains the best share",
        "and the two most informative others at that budget (at least 2x the sweep's largest run)",
        "and reports predicted, with intervals, against measured, with standard errors, and",
        "whether the choice was right."
      })
  public static final class Optimize implements Callable<Integer> {
    @Parameters(paramLabel = "RUNS_DIR|TABLE", description = "A mixture sweep's runs or table.")
    Path source;

    @Option(names = "--budget", required = true, paramLabel = "FLOPS", description = "Compute C.")
    double budget;

    @Option(
        names = "--domain",
        defaultValue = "code",
        description = "The domain whose share r is optimised (default: ${DEFAULT-VALUE}).")
    String domain;

    @Option(
        names = "--shares",
        split = ",",
        paramLabel = "R",
        description = "Shares to try (default: 21 points over the sweep's range of shares).")
    double[] shares;

    @Option(
        names = "--task",
        paramLabel = "COLUMN:CHANCE",
        description = "A task score column and its chance level (default with a runs folder: all).")
    List<String> taskArgs = new ArrayList<>();

    @Option(
        names = "--bootstrap",
        defaultValue = "100",
        paramLabel = "B",
        description =
            "Resample the runs B times through the whole chain for intervals and ties (0: skip;"
                + " default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(
        names = "--seed",
        defaultValue = "0",
        description = "The bootstrap's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--json",
        description = "Print the law backtests, the points and the bootstrap as one JSON object.")
    boolean json;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description =
            "Write mixture.csv/json and a figure into this folder, replaced as a whole (an"
                + " existing non-empty folder must hold a mixture.json).")
    Path out;

    @Option(
        names = "--verify",
        description =
            "Train the best share and the two most informative others at --budget (at least 2x the"
                + " sweep's largest run) and compare.")
    boolean verify;

    @Option(
        names = "--items",
        paramLabel = "N",
        defaultValue = "0",
        description =
            "With --verify: task items per task in the verification runs, scored at their final"
                + " checkpoint only (default: 4x the sweep's).")
    int items;

    @Option(
        names = "--jobs",
        defaultValue = "1",
        description =
            "With --verify: runs at a time, each in its own process (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(
        names = "--threads",
        paramLabel = "N",
        description = "With --verify: PyTorch intra-op threads per run (default: one per core).")
    Integer threads;

    @Option(
        names = "--sweep",
        paramLabel = "SWEEP.yaml",
        description =
            "With --verify: data, training and evaluation settings (default: configs/mixture.yaml).")
    Path sweep;

    @Option(
        names = "--model",
        defaultValue = "d64-l3-h4",
        description = "With --verify: the model size trained (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
        names = "--runs",
        paramLabel = "DIR",
        description = "With --verify: where to train (default: OUT-verify or runs/mixture-verify).")
    Path runs;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (!(budget > 0)) {
        throw new InputException("--budget must be > 0 FLOPs, got " + budget);
      }
      Table t = ResultsTable.load(source);
      MixtureSpec columns = mixtureSpec(t, domain, List.of()); // a wrong --domain is named first
      MixtureSpec ms = new MixtureSpec(columns.share(), columns.losses(), tasks());
      MixturePredictor p = MixturePredictor.fit(t, ms);
      double[] grid = shares != null ? shares : grid(t, ms.share());
      checkOptions(grid, p);
      SweepCommand.engineThreads(threads);
      MixtureOptimization.Result r =
          MixtureOptimization.optimize(t, p, budget, grid, bootstrap, seed, LEVEL);
      PrintWriter w = spec.commandLine().getOut();
      if (!json) {
        MixtureText.print(w, p, r.points(), r.best(), budget);
        if (r.uncertainty() != null) {
          MixtureLawText.printUncertainty(w, r.uncertainty());
        }
        w.flush();
      }
      MixtureOptimization.Verified v =
          verify
              ? MixtureOptimization.verify(
                  request(), t, ms.share(), r, grid, LEVEL, spec.commandLine().getErr())
              : MixtureOptimization.Verified.NONE;
      if (verify && !json) {
        MixtureText.printVerify(w, v.outcomes(), v.verdict(), model, LEVEL);
      }
      String verification =
          verify
              ? FitFile.JSON.writeValueAsString(new Verification(model, v.outcomes(), v.verdict()))
              : null;
      if (json) {
        com.fasterxml.jackson.databind.node.ObjectNode o = FitFile.JSON.valueToTree(r.report());
        if (verification != null) {
          o.set("verification", FitFile.JSON.readTree(verification));
        }
        w.println(FitFile.JSON.writeValueAsString(o));
      }
      if (out != null) {
        MixtureOptimization.write(
            out,
            r,
            ms,
            v,
            verification,
            FitFile.JSON.writeValueAsString(r.report()),
            MixtureText.csv(r.points()));
      }
      return 0;
    }

    /** The bootstrap intervals' coverage. */
    static final double LEVEL = 0.95;

    /**
     * {@code verification.json}: the verified shares and the verdict.
     *
     * @param model the model size trained
     * @param outcomes per verified share: prediction with intervals, measurement with errors
     * @param verdict whether the choice was right and the domain losses matched
     */
    record Verification(
        String model,
        List<MixtureVerification.Outcome> outcomes,
        MixtureVerification.Verdict verdict) {}

    private List<PredictSpec.TaskSpec> tasks() throws java.io.IOException {
      if (taskArgs.isEmpty()) {
        if (!Files.isDirectory(source)) {
          throw new InputException(
              "--task COLUMN:CHANCE is needed with a table (a runs folder lists its tasks)");
        }
        return RunTasks.read(ResultsTable.runsFolder(source)).stream().map(RunTasks::spec).toList();
      }
      List<PredictSpec.TaskSpec> out = new ArrayList<>();
      for (String a : taskArgs) {
        String[] kv = a.split(":", 2);
        try {
          out.add(new PredictSpec.TaskSpec(kv[0], Double.parseDouble(kv[1]), null));
        } catch (RuntimeException e) {
          throw new InputException(
              "--task '" + a + "': expected COLUMN:CHANCE, e.g. code_next_line_v1_acc:0.25");
        }
      }
      return out;
    }

    /** The options that need the table or the fit to be checked: one line each, exit 2. */
    private void checkOptions(double[] grid, MixturePredictor p) {
      for (double r : grid) {
        if (!(r >= 0 && r <= 1)) {
          throw new InputException("--shares: " + r + " is not a share in [0, 1]");
        }
      }
      if (bootstrap < 0) {
        throw new InputException("--bootstrap must be >= 0, got " + bootstrap);
      }
      if (verify && budget < MixtureVerification.MIN_BUDGET_RATIO * p.largestCompute()) {
        throw new InputException(
            String.format(
                java.util.Locale.ROOT,
                "--verify: --budget %.3g is below %.0fx the sweep's largest run (%.3g FLOPs);"
                    + " use --budget %.3g or more",
                budget,
                MixtureVerification.MIN_BUDGET_RATIO,
                p.largestCompute(),
                MixtureVerification.MIN_BUDGET_RATIO * p.largestCompute()));
      }
      if (items < 0) {
        throw new InputException("--items must be >= 0, got " + items);
      }
      if (jobs < 1) {
        throw new InputException("--jobs must be >= 1, got " + jobs);
      }
    }

    private MixtureVerification.Request request() {
      return new MixtureVerification.Request(
          sweepFile(), domain, model, budget, runsDir(), SweepCommand.cache(null), items, jobs);
    }

    Path sweepFile() {
      return sweep != null ? sweep : Home.file("configs/mixture.yaml");
    }

    Path runsDir() {
      return runs != null // not inside OUT: OUT is replaced as a whole when the report is written
          ? runs
          : out != null
              ? out.toAbsolutePath().resolveSibling(out.toAbsolutePath().getFileName() + "-verify")
              : Path.of("runs", "mixture-verify");
    }

    double budget() {
      return budget;
    }

    String model() {
      return model;
    }

    String domain() {
      return domain;
    }
  }

  /**
   * @param t a mixture sweep's table
   * @param domain the domain whose share is r
   * @param tasks the tasks to map to
   * @return FLP-M's inputs: the share column and one loss column per domain of the mixtures
   */
  static MixtureSpec mixtureSpec(Table t, String domain, List<PredictSpec.TaskSpec> tasks) {
    String share = Columns.mixShare(domain);
    if (!t.columnNames().contains(share)) {
      throw new InputException(
          t.name() + ": no column " + share + " (--domain names a domain of the sweep's mixtures)");
    }
    List<String> losses = new ArrayList<>();
    for (String c : t.columnNames()) {
      if (Columns.isMixShare(c)) {
        losses.add(Columns.valLoss(Columns.mixDomain(c)));
      }
    }
    return new MixtureSpec(share, losses, tasks);
  }

  /** 21 shares over the sweep's own range: FLP-M is not asked to extrapolate in r. */
  static double[] grid(Table t, String share) {
    double lo = t.numberColumn(share).min();
    double hi = t.numberColumn(share).max();
    double[] g = new double[21];
    for (int i = 0; i < g.length; i++) {
      g[i] = lo + (hi - lo) * i / (g.length - 1);
    }
    return g;
  }
}
