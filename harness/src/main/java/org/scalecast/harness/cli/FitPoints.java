package org.scalecast.harness.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.scalecast.fit.io.FitFile;
import org.scalecast.fit.laws.Laws;
import org.scalecast.results.InputException;

/**
 * Checks the points of {@code predict --fit ... --at ...} against the chain of fits: a variable no
 * fit takes is refused, and a point outside the range an input was fitted on is named with how far
 * outside it lies.
 */
final class FitPoints {
  private FitPoints() {}

  /**
   * @param files the chain's fits, in order
   * @param bindings input to the earlier output it reads ({@code --bind})
   * @return the variables a point must give: every input not produced by an earlier fit
   */
  static Set<String> variables(List<FitFile> files, Map<String, String> bindings) {
    Set<String> vars = new LinkedHashSet<>();
    Set<String> produced = new LinkedHashSet<>();
    for (FitFile f : files) {
      f.inputs().stream()
          .filter(v -> !produced.contains(v) && !produced.contains(bindings.get(v)))
          .forEach(vars::add);
      produced.add(f.output());
    }
    return vars;
  }

  /**
   * @param files the chain's fits
   * @param bindings input to the earlier output it reads ({@code --bind})
   * @param point the point as given to --at
   * @param values its values
   * @throws InputException naming a variable that no fit takes, and the variables they take, or a
   *     value that is not positive where a law raises it to a power or takes its log
   */
  static void refuseUnknown(
      List<FitFile> files, Map<String, String> bindings, String point, Map<String, Double> values) {
    Set<String> vars = variables(files, bindings);
    for (FitFile f : files) {
      Set<String> positive = Laws.byName(f.law()).positiveInputs();
      values.forEach(
          (v, x) -> {
            if (x <= 0 && positive.contains(v) && f.inputs().contains(v)) {
              throw new InputException(
                  String.format(
                      Locale.ROOT,
                      "--at %s=%s: %s must be positive and finite (law %s raises it to a power)",
                      v,
                      x,
                      v,
                      f.law()));
            }
          });
    }
    for (String v : values.keySet()) {
      if (!vars.contains(v)) {
        throw new InputException(
            "--at "
                + point
                + ": "
                + (files.size() == 1 ? "law " + files.get(0).law() : "the chain of fits")
                + " has no variable "
                + v
                + " (variables: "
                + String.join(", ", vars)
                + ")");
      }
    }
  }

  /**
   * @param files the chain's fits
   * @param bindings input to the earlier output it reads ({@code --bind})
   * @param paths their files, for the messages
   * @param values every input of every fit at the point: the given values and the upstream
   *     predictions
   * @return one line for each input outside the range its fit saw (none for fit files written
   *     before ranges were recorded)
   */
  static List<String> outsideRanges(
      List<FitFile> files,
      Map<String, String> bindings,
      List<Path> paths,
      Map<String, Double> values) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < files.size(); k++) {
      FitFile f = files.get(k);
      if (f.inputRanges() == null) {
        continue;
      }
      for (String v : f.inputs()) {
        FitFile.Range r = f.inputRanges().get(v);
        Double x =
            values.containsKey(v) || !bindings.containsKey(v)
                ? values.get(v)
                : values.get(bindings.get(v));
        if (r == null || x == null || (x >= r.min() && x <= r.max())) {
          continue;
        }
        boolean below = x < r.min();
        double edge = below ? r.min() : r.max();
        String far =
            x > 0 && edge > 0
                ? String.format(Locale.ROOT, "%.2g decades ", Math.abs(Math.log10(x / edge)))
                : "";
        out.add(
            String.format(
                "%s = %s is %s%s the fitted range [%s, %s] (%s, %s)",
                v,
                compact(x),
                far,
                below ? "below" : "above",
                compact(r.min()),
                compact(r.max()),
                f.law(),
                paths.get(k)));
      }
    }
    return out;
  }

  /**
   * @param v a number
   * @return it in three significant digits without trailing zeros: 1e7, 0.0015, 42, 3.14
   */
  static String compact(double v) {
    String s = String.format(Locale.ROOT, "%.3g", v);
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    if (e < 0) {
      return mantissa;
    }
    int exp = Integer.parseInt(s.substring(e + 1));
    return mantissa + "e" + exp;
  }
}
