package org.scalecast.harness.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.scalecast.fit.LeaveOneRunOut;
import org.scalecast.fit.io.FitFile;

/** The human-readable summary of a fit. */
final class FitText {
  private FitText() {}

  static void print(PrintWriter w, FitFile f, boolean defaultObjective) {
    w.printf("law         %s: %s%n", f.law(), f.formula());
    w.printf(
        "data        %s (%d points, sha256 %s)%n",
        f.data().path(), f.n(), f.data().sha256().substring(0, 12));
    w.printf("bindings    %s%s%n", f.map(), f.where().isEmpty() ? "" : ", where " + f.where());
    w.printf(
        "objective   %s%s = %.6g, rms residual %.4g, dof %d%n",
        f.objective(),
        defaultObjective ? " (" + f.law() + "'s default; --objective to change)" : "",
        f.objectiveValue(),
        f.rms(),
        f.dof());
    w.printf(
        // The best's index is its grid point's: a screened grid (sigmoid's 162 points, the 16
        // lowest-objective ones fitted) printed "starts 16, best #75" (a new user).
        "starts      %d, %d converged, best: grid point #%d%s%n",
        f.starts(),
        f.startsConverged(),
        f.bestStart(),
        f.converged() ? "" : " (final polish did NOT converge)");
    FitFile.BootstrapSummary b = f.bootstrap();
    w.printf(
        "%-10s %14s %12s%s%n",
        "param",
        "value",
        "stderr",
        b == null ? "" : String.format("  %-29s", "bootstrap 95% (se)"));
    for (Map.Entry<String, Double> e : f.params().entrySet()) {
      String k = e.getKey();
      w.printf("%-10s %14.6g %12s", k, e.getValue(), fmt(f.stderr().get(k)));
      if (b != null) {
        w.printf(
            "  [%s, %s] (%s)",
            fmt(b.lower().get(k)), fmt(b.upper().get(k)), fmt(b.stderr().get(k)));
      }
      w.println();
    }
    if (b != null) {
      w.printf(
          "bootstrap   %d replicates over %ss, %d failed, seed %d%n",
          b.replicates(), b.unit().name().toLowerCase(), b.failed(), b.seed());
    }
    LeaveOneRunOut.Result lo = f.loro();
    if (lo != null) {
      w.printf(
          "loro        %d folds, mean |rel error| %.3f%%, worst %.3f%%%n",
          lo.folds().size(), 100 * lo.meanAbsRelError(), 100 * lo.maxAbsRelError());
    }
    if (f.warnings() != null) {
      f.warnings().forEach(m -> w.printf("warning     %s%n", m));
    }
  }

  private static String fmt(Double v) {
    return v == null ? "n/a" : String.format("%.4g", v);
  }
}
