package org.scalecast.harness.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalecast.fit.flpm.MixturePoint;
import org.scalecast.fit.flpm.MixturePredictor;
import org.scalecast.fit.flpm.ScoreMap;
import org.scalecast.harness.mixture.MixtureVerification;

/** {@code mixture optimize}'s text and CSV output. */
final class MixtureText {
  private MixtureText() {}

  static void print(
      PrintWriter w, MixturePredictor p, List<MixturePoint> points, MixturePoint best, double c) {
    w.printf(Locale.ROOT, "FLP-M at C = %.3g FLOPs%n%n", c);
    MixtureLawText.printBacktests(w, p);
    w.println("score maps, leave-one-run-out mean absolute error of final scores (points):");
    for (Map.Entry<String, Map<ScoreMap.Kind, Double>> e : p.heldOutErrors().entrySet()) {
      w.printf(
          Locale.ROOT,
          "  %-30s linear %5.1f  mlp %5.1f  -> %s%n",
          e.getKey(),
          100 * e.getValue().get(ScoreMap.Kind.LINEAR),
          100 * e.getValue().get(ScoreMap.Kind.MLP),
          p.bestMap(e.getKey()).name().toLowerCase(Locale.ROOT));
    }
    w.println();
    MixturePoint first = points.get(0);
    StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%6s %10s", "r", "objective"));
    first.losses().keySet().forEach(k -> h.append(String.format(Locale.ROOT, " %14s", k)));
    first.scores().keySet().forEach(k -> h.append(String.format(Locale.ROOT, " %10s", abbrev(k))));
    w.println(h);
    for (MixturePoint m : points) {
      StringBuilder b =
          new StringBuilder(String.format(Locale.ROOT, "%6.3f %10.4f", m.r(), m.objective()));
      m.losses().values().forEach(v -> b.append(String.format(Locale.ROOT, " %14.4f", v)));
      m.scores().values().forEach(v -> b.append(String.format(Locale.ROOT, " %10.4f", v)));
      w.println(b + (m == best ? "  <- best" : ""));
    }
    w.printf(
        Locale.ROOT,
        "%nbest share r = %.3f (objective: mean chance-normalised score over %d tasks)%n",
        best.r(),
        best.scores().size());
  }

  private static String abbrev(String task) {
    String s = task.replaceAll("_v\\d+_", "_");
    return s.length() > 10 ? s.substring(0, 10) : s;
  }

  static String csv(List<MixturePoint> points) {
    StringBuilder sb = new StringBuilder("r,objective");
    points.get(0).losses().keySet().forEach(k -> sb.append(',').append(k));
    points.get(0).scores().keySet().forEach(k -> sb.append(',').append(k));
    sb.append('\n');
    for (MixturePoint m : points) {
      sb.append(String.format(Locale.ROOT, "%.4f,%.6g", m.r(), m.objective()));
      m.losses().values().forEach(v -> sb.append(String.format(Locale.ROOT, ",%.6g", v)));
      m.scores().values().forEach(v -> sb.append(String.format(Locale.ROOT, ",%.6g", v)));
      sb.append('\n');
    }
    return sb.toString();
  }

  static void printVerify(
      PrintWriter w,
      List<MixtureVerification.Outcome> outcomes,
      MixtureVerification.Verdict v,
      String model,
      double level) {
    w.printf(
        Locale.ROOT,
        "%nverification (%s, predicted at each run's compute with the bootstrap's %.0f%%"
            + " interval; measured with the binomial standard error of its task items):%n",
        model,
        100 * level);
    w.printf(
        Locale.ROOT,
        "  %6s %9s  %-28s %9s  %-19s %9s %8s  %s%n",
        "r",
        "C",
        "quantity",
        "predicted",
        "interval",
        "measured",
        "+- SE",
        "error");
    for (MixtureVerification.Outcome o : outcomes) {
      String head = String.format(Locale.ROOT, "%6.3f %9.3g", o.r(), o.compute());
      for (String loss : o.predicted().losses().keySet()) {
        double[] ci = o.intervals().get(loss);
        w.printf(
            Locale.ROOT,
            "  %s  %-28s %9.4f  %-19s %9.4f %8s  %+.1f%%%n",
            head,
            loss,
            o.predicted().losses().get(loss),
            interval(ci),
            o.actual().get(loss),
            "",
            100 * o.lossError(loss));
        head = " ".repeat(head.length());
      }
      for (Map.Entry<String, Double> e : o.predicted().scores().entrySet()) {
        w.printf(
            Locale.ROOT,
            "  %s  %-28s %9.4f  %-19s %9.4f %8.4f  %+.4f%n",
            head,
            e.getKey(),
            e.getValue(),
            "",
            o.actual().get(e.getKey()),
            o.scoreSe().get(e.getKey()),
            o.actual().get(e.getKey()) - e.getValue());
      }
      w.printf(
          Locale.ROOT,
          "  %s  %-28s %9.4f  %-19s %9.4f %8.4f  %+.4f%n",
          head,
          MixtureVerification.OBJECTIVE,
          o.predicted().objective(),
          interval(o.intervals().get(MixtureVerification.OBJECTIVE)),
          o.actualObjective(),
          o.objectiveSe(),
          o.actualObjective() - o.predicted().objective());
    }
    w.printf(
        Locale.ROOT,
        "  chosen r = %.3f; measured best r = %.3f; gap %.4f, the measured best's SE %.4f (of the"
            + " difference %.4f): %s%n",
        v.chosen(),
        v.measuredBest(),
        v.gap(),
        v.se(),
        v.seDifference(),
        switch (v.kind()) {
          case RIGHT -> "RIGHT, the chosen share measured best";
          case WITHIN_ONE_SE -> "WITHIN ONE SE of the measured best";
          case WRONG -> "WRONG, another share measured better by more than one SE";
        });
    w.printf(
        Locale.ROOT,
        "  domain losses: largest error %+.1f%% (%s): %s%n",
        100 * v.worstLossError(),
        v.worstLoss(),
        v.lossesWithin()
            ? String.format(
                Locale.ROOT, "every one within %.0f%%", 100 * MixtureVerification.LOSS_TOLERANCE)
            : String.format(
                Locale.ROOT, "NOT all within %.0f%%", 100 * MixtureVerification.LOSS_TOLERANCE));
  }

  private static String interval(double[] ci) {
    return ci == null || !Double.isFinite(ci[0])
        ? "[n/a]"
        : String.format(Locale.ROOT, "[%.4f, %.4f]", ci[0], ci[1]);
  }
}
