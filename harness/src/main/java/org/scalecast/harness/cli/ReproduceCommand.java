package org.scalecast.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scalecast.fit.gadre.Cell;
import org.scalecast.fit.gadre.GadreReproduction;
import org.scalecast.fit.io.FitFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalecast reproduce}: published experiments, ours beside the paper's. */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = "Reproduce a published experiment and compare every printed number.",
    subcommands = {ReproduceCommand.Gadre2024.class})
public final class ReproduceCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Gadre et al. 2024. */
  @Command(
      name = "gadre2024",
      mixinStandardHelpOptions = true,
      description = {
        "Gadre et al. 2024 (arXiv 2403.08540): fit Eq. 4 and Eq. 5 per training set and print Table 6,",
        "Table 2, Table 7 and the headline runs beside the paper. Exit 0 only if every cell matches",
        "the paper to its printed precision."
      })
  static final class Gadre2024 implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--data",
        required = true,
        paramLabel = "PATH/exp_data",
        description = "The exp_data folder of mlfoundations/scaling.")
    Path data;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(
        names = "--heat-map",
        description =
            "Also print the relative error of every run with M >= 10 (Figures 5, 11, 12).")
    boolean heatMap;

    @Override
    public Integer call() throws Exception {
      GadreReproduction.Report report = new GadreReproduction().run(data);
      PrintWriter w = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("all_match", report.allMatch());
        o.put("matched", report.cells().stream().filter(Cell::matches).count());
        o.put("cells", report.cells().stream().map(ReproduceCommand::cellJson).toList());
        o.put("parameters", GadreReproduction.parameters(report.fits()));
        o.put("heat_map", report.heat());
        w.println(FitFile.JSON.writeValueAsString(o));
      } else {
        printText(w, report, heatMap);
      }
      return report.allMatch() ? 0 : 1;
    }
  }

  private static Map<String, Object> cellJson(Cell c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("table", c.table());
    m.put("row", c.row());
    m.put("column", c.column());
    m.put("ours", c.ours());
    m.put("ours_rounded", c.oursRounded());
    m.put("paper", c.paper());
    m.put("match", c.matches());
    return m;
  }

  private static void printText(PrintWriter w, GadreReproduction.Report r, boolean heatMap) {
    String table = "";
    for (Cell c : r.cells()) {
      if (!c.table().equals(table)) {
        table = c.table();
        w.printf(
            "%n%s%n%-24s %-20s %10s %10s  %s%n",
            title(table), "row", "column", "ours", "paper", "match");
      }
      String unit = table.equals("Table 6") ? "" : "%";
      w.printf(
          "%-24s %-20s %10s %10s  %s%n",
          c.row(),
          c.column(),
          c.oursRounded() + unit,
          c.paper() + unit,
          c.matches() ? "yes" : "NO");
    }
    for (GadreReproduction.HeatCell h :
        heatMap ? r.heat() : List.<GadreReproduction.HeatCell>of()) {
      if (h == r.heat().get(0)) {
        w.printf(
            "%nHeat map (ours; relative error of every run with M >= 10)%n%-40s %6s %10s %10s%n",
            "run", "M", "loss", "17-task");
      }
      w.printf(
          "%-40s %6.0f %9.2f%% %9.2f%%%n", h.run(), h.m(), h.lossRelError(), h.err17RelError());
    }
    long ok = r.cells().stream().filter(Cell::matches).count();
    w.printf(
        "%n%d of %d published cells match to printed precision: %s%n",
        ok, r.cells().size(), r.allMatch() ? "REPRODUCED" : "NOT REPRODUCED");
  }

  private static String title(String table) {
    return switch (table) {
      case "Table 6" ->
          "Table 6: fitted coefficients (Eq. 4: E, a, b, eta; Eq. 5 on 17-task error: epsilon, k, gamma; implied M*)";
      case "Table 2" -> "Table 2: relative error predicting the 6.9B, M = 20 run";
      case "Table 7" -> "Table 7: 17-task average error without the 1.4B run in Eq. 5's fit set";
      default -> "Headline runs: relative error of loss, 17-task error, 46-task error";
    };
  }
}
