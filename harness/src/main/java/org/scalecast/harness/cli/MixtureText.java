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

  static void printVerify(PrintWriter w, List<MixtureVerification.Outcome> outcomes) {
    w.printf("%nverification runs (predicted at each run's compute, against measured):%n");
    for (MixtureVerification.Outcome o : outcomes) {
      w.printf(
          Locale.ROOT,
          "  r = %.3f: objective predicted %.4f, actual %.4f%n",
          o.r(),
          o.predicted().objective(),
          o.actualObjective());
      for (Map.Entry<String, Double> e : o.actual().entrySet()) {
        Double pred =
            o.predicted().losses().containsKey(e.getKey())
                ? o.predicted().losses().get(e.getKey())
                : o.predicted().scores().get(e.getKey());
        w.printf(
            Locale.ROOT,
            "    %-30s predicted %8.4f  actual %8.4f  error %+.4f%n",
            e.getKey(),
            pred,
            e.getValue(),
            pred - e.getValue());
      }
    }
    MixtureVerification.Outcome bestActual =
        outcomes.stream()
            .max(java.util.Comparator.comparingDouble(MixtureVerification.Outcome::actualObjective))
            .orElseThrow();
    MixtureVerification.Outcome bestPred =
        outcomes.stream()
            .max(java.util.Comparator.comparingDouble(o -> o.predicted().objective()))
            .orElseThrow();
    w.printf(
        Locale.ROOT,
        "  best of the three by prediction r = %.3f, by measurement r = %.3f: %s%n",
        bestPred.r(),
        bestActual.r(),
        bestPred == bestActual ? "agree" : "DISAGREE");
  }
}
