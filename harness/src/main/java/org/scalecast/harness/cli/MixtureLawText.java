package org.scalecast.harness.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.scalecast.fit.flpm.DomainFit;
import org.scalecast.fit.flpm.LawBacktest;
import org.scalecast.fit.flpm.MixturePredictor;
import org.scalecast.fit.flpm.MixtureUncertainty;

/** {@code mixture optimize}'s law backtests and bootstrap summary, as text. */
final class MixtureLawText {
  private MixtureLawText() {}

  static void printBacktests(PrintWriter w, MixturePredictor p) {
    w.println(
        "domain loss laws, mean absolute relative error of held-out final losses (%):"
            + " one share out, the largest compute out");
    for (Map.Entry<String, DomainFit> e : p.domainFits().entrySet()) {
      w.println("  " + e.getKey());
      LawBacktest any = e.getValue().backtests().values().iterator().next();
      StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "    %-8s", "law"));
      any.leaveShareOut()
          .keySet()
          .forEach(r -> h.append(String.format(Locale.ROOT, " r=%-6.3f", r)));
      w.println(h + String.format(Locale.ROOT, " %8s %10s", "mean", "largest C"));
      for (LawBacktest b : e.getValue().backtests().values()) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "    %-8s", b.law()));
        b.leaveShareOut()
            .values()
            .forEach(v -> row.append(String.format(Locale.ROOT, " %8s", pct(v))));
        row.append(
            String.format(
                Locale.ROOT, " %8s %10s", pct(b.meanShareOut()), pct(b.leaveComputeOut())));
        w.println(row + (b.law().equals(e.getValue().chosen()) ? "  <- chosen" : ""));
      }
    }
    w.println("  (n/a: the law is undefined there, e.g. bimix where the domain's share is 0)");
    w.println();
  }

  private static String pct(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", 100 * v) : "n/a";
  }

  static void printUncertainty(PrintWriter w, MixtureUncertainty u) {
    w.printf(
        Locale.ROOT,
        "%nbootstrap over runs through laws, score maps and objective: %d replicates (%d failed),"
            + " seed %d, %.0f%% percentile intervals%n",
        u.requested(),
        u.failed(),
        u.seed(),
        100 * u.level());
    w.printf(
        Locale.ROOT,
        "%6s %10s %21s %10s %10s%n",
        "r",
        "objective",
        "interval",
        "median",
        "not worse");
    for (MixtureUncertainty.Share s : u.shares()) {
      w.printf(
          Locale.ROOT,
          "%6.3f %10.4f   [%7.4f, %7.4f] %10.4f %10.2f%s%n",
          s.r(),
          s.objective(),
          s.lower(),
          s.upper(),
          s.median(),
          s.notWorse(),
          u.tied().contains(s.r()) ? "  tied" : "");
    }
    w.printf(
        Locale.ROOT,
        "best share r = %.3f; tied with it (not worse in >= %.0f%% of replicates): %s%n",
        u.best(),
        100 * MixtureUncertainty.TIE_FRACTION,
        u.tied().stream().map(r -> String.format(Locale.ROOT, "%.3f", r)).toList());
    if (u.cannotRank()) {
      w.printf(
          Locale.ROOT,
          "the runs cannot rank these mixtures: the tie spans r = %.3f to %.3f, half the range"
              + " or more%n",
          u.tied().get(0),
          u.tied().get(u.tied().size() - 1));
    }
    if (!u.proposal().isEmpty()) {
      w.println("runs that would best separate the tied shares:");
      u.proposal()
          .forEach(
              q ->
                  w.printf(
                      Locale.ROOT,
                      "  r = %.3f at C = %.3g FLOPs (the sweep's largest compute): %s%n",
                      q.r(),
                      q.compute(),
                      q.why()));
    }
  }
}
