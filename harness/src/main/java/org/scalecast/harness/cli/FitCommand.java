package org.scalecast.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scalecast.fit.Bootstrap;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.LawFitter;
import org.scalecast.fit.LeaveOneRunOut;
import org.scalecast.fit.Objective;
import org.scalecast.fit.Observations;
import org.scalecast.fit.ScalingLaw;
import org.scalecast.fit.TableObservations;
import org.scalecast.fit.io.FitFile;
import org.scalecast.fit.laws.Laws;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.Provenance;
import org.scalecast.results.RowFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code scalecast fit}: fits one law to columns of any CSV. */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    description = {
      "Fit a scaling law to a CSV by multi-start Levenberg-Marquardt.",
      // the list of laws is appended from the registry, see describe(CommandSpec)
    })
public final class FitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "TABLE",
      description = "The table to fit (a CSV with a header row).")
  Path table;

  @Option(
      names = "--data",
      paramLabel = "FILE.csv",
      description = "The table to fit, as an option (give it this way or as TABLE, not both).")
  Path data;

  @Option(
      names = "--law",
      required = true,
      paramLabel = "NAME",
      description = "The law, by name (listed above).")
  String law;

  @Option(
      names = "--map",
      paramLabel = "VAR=COLUMN",
      description = "Bind a law variable to a column (default: the column of the variable's name).")
  List<String> map = new ArrayList<>();

  @Option(
      names = "--where",
      paramLabel = "COLUMN=VALUE",
      description = "Keep rows where COLUMN equals VALUE (repeatable, all must hold).")
  List<String> where = new ArrayList<>();

  @Option(
      names = "--objective",
      paramLabel = "ls|ls-log|huber-log:DELTA",
      description = "What to minimise (default: the law's own, listed above).")
  String objective;

  @Option(
      names = "--bootstrap",
      defaultValue = "0",
      paramLabel = "B",
      description = "Bootstrap refits (resampling runs when rows have a run_id).")
  int bootstrap;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--loro", description = "Also run leave-one-run-out validation.")
  boolean loro;

  @Option(names = "--out", paramLabel = "FIT.json", description = "Also write the fit file here.")
  Path out;

  @Option(names = "--json", description = "Print the fit as one JSON object.")
  boolean json;

  /**
   * Appends the registry's laws, each with the objective it is fitted with by default, to the
   * command's description.
   *
   * @param spec the {@code fit} command's spec
   */
  public static void describe(CommandSpec spec) {
    List<String> lines = new ArrayList<>(List.of(spec.usageMessage().description()));
    lines.add("Laws, each with the objective it is fitted with unless --objective says otherwise:");
    for (String name : Laws.names()) {
      ScalingLaw l = Laws.byName(name);
      lines.add(
          String.format(
              "  %-15s %s -> %s, by %s.",
              name, String.join(", ", l.inputs()), l.output(), l.defaultObjective().spec()));
    }
    spec.usageMessage().description(lines.toArray(String[]::new));
  }

  @Override
  public Integer call() throws Exception {
    if (table != null && data != null) {
      throw new InputException("give the table once: as TABLE or with --data, not both");
    }
    Path data = table != null ? table : this.data;
    if (data == null) {
      throw new InputException("give the table to fit: fit TABLE --law NAME (or --data TABLE)");
    }
    OutputPaths.notAnInput("--out", out, data);
    ScalingLaw l = Laws.byName(law);
    Objective obj = objective == null ? l.defaultObjective() : Objective.parse(objective);
    if (bootstrap < 0) {
      throw new InputException("--bootstrap must be >= 0, got " + bootstrap);
    }
    Table table = CsvTables.read(data);
    Map<String, String> bindings = TableObservations.bindings(l, Assignments.parse("--map", map));
    List<RowFilter> filters = where.stream().map(RowFilter::parse).toList();
    Observations obs = TableObservations.extract(table, l, bindings, filters, obj);
    LawFitter fitter = LawFitter.create().withObjective(obj);
    FitResult fit = fitter.fit(l, obs);
    Bootstrap.Result boot =
        bootstrap > 0 ? Bootstrap.run(fitter, l, obs, fit, bootstrap, seed) : null;
    LeaveOneRunOut.Result lo = loro ? LeaveOneRunOut.run(fitter, l, obs, fit) : null;
    FitFile file =
        FitFile.of(
            fit,
            bindings,
            where,
            new FitFile.DataRef(data.toString(), Provenance.sha256(data), obs.size()),
            boot,
            lo,
            obs);
    if (out != null) {
      file.write(out);
    }
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      w.println(FitFile.JSON.writeValueAsString(file));
      PrintWriter e = spec.commandLine().getErr();
      file.warnings().forEach(m -> e.println("scalecast: warning: " + m));
    } else {
      FitText.print(w, file, objective == null);
    }
    return 0;
  }
}
