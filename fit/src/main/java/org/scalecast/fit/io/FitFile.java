package org.scalecast.fit.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.fit.Bootstrap;
import org.scalecast.fit.FitModel;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.LeaveOneRunOut;
import org.scalecast.fit.Observations;
import org.scalecast.fit.ScalingLaw;
import org.scalecast.fit.laws.Laws;
import org.scalecast.results.AtomicFiles;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.Provenance;

/**
 * A fit as saved by {@code scalecast fit --json} and read by {@code scalecast predict --fit}: the
 * law, its parameters with standard errors and covariance, how it was fitted, on which data, and
 * the provenance. NaN values are written as JSON null.
 *
 * @param schema format tag, {@value #SCHEMA}
 * @param law registry name of the law
 * @param formula the law as a formula
 * @param inputs input variables
 * @param output output variable
 * @param params parameter values
 * @param stderr standard errors (residual-scaled covariance)
 * @param covariance parameter covariance, in the order of params
 * @param objective objective spec
 * @param objectiveValue minimised objective
 * @param n points fitted
 * @param dof residual degrees of freedom
 * @param rms root mean square of base residuals
 * @param starts starts tried
 * @param startsConverged starts that converged
 * @param bestStart index of the winning start
 * @param iterations iterations of the winner
 * @param converged whether the final polish converged
 * @param map variable to column
 * @param where row filters
 * @param data the table fitted
 * @param bootstrap bootstrap summary, or null
 * @param loro leave-one-run-out summary, or null
 * @param provenance where the fit was made
 * @param inputRanges per input, the smallest and largest value fitted (null in files written before
 *     they were recorded)
 * @param warnings what the reader of the fit must know: parameters at a bound, a bootstrap or
 *     leave-one-run-out that could not run (null or empty when none)
 */
public record FitFile(
    String schema,
    String law,
    String formula,
    List<String> inputs,
    String output,
    Map<String, Double> params,
    Map<String, Double> stderr,
    Double[][] covariance,
    String objective,
    double objectiveValue,
    int n,
    int dof,
    double rms,
    int starts,
    int startsConverged,
    int bestStart,
    int iterations,
    boolean converged,
    Map<String, String> map,
    List<String> where,
    DataRef data,
    BootstrapSummary bootstrap,
    LeaveOneRunOut.Result loro,
    Provenance provenance,
    Map<String, Range> inputRanges,
    List<String> warnings) {

  /** The format tag. */
  public static final String SCHEMA = "scalecast.fit/1";

  /** Jackson mapper shared by writers and readers of scalecast JSON: snake_case, strict. */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * @param path file fitted
   * @param sha256 its hash
   * @param rowsUsed rows that passed the filters
   */
  public record DataRef(String path, String sha256, int rowsUsed) {}

  /**
   * @param min smallest value fitted
   * @param max largest value fitted
   */
  public record Range(double min, double max) {}

  /**
   * @param replicates replicates requested
   * @param failed replicates whose refit failed
   * @param seed the seed
   * @param unit RUN or ROW
   * @param stderr standard deviation of each parameter over replicates
   * @param lower 2.5th percentile of each parameter
   * @param upper 97.5th percentile of each parameter
   * @param samples replicate parameter vectors
   * @param runs the resampled runs in draw order, so that {@code predict} can tell two fits
   *     bootstrapped over the same runs (null in files written before it was recorded)
   * @param index each sample's replicate number (failed refits leave gaps; null in older files)
   */
  public record BootstrapSummary(
      int replicates,
      int failed,
      long seed,
      Bootstrap.Unit unit,
      Map<String, Double> stderr,
      Map<String, Double> lower,
      Map<String, Double> upper,
      double[][] samples,
      List<String> runs,
      int[] index) {}

  /**
   * @param fit the fit
   * @param map variable to column
   * @param where filters as written
   * @param data the table
   * @param boot bootstrap or null
   * @param loro leave-one-run-out or null
   * @param obs the points fitted (for the inputs' ranges)
   * @return the file
   */
  public static FitFile of(
      FitResult fit,
      Map<String, String> map,
      List<String> where,
      DataRef data,
      Bootstrap.Result boot,
      LeaveOneRunOut.Result loro,
      Observations obs) {
    ScalingLaw law = fit.law();
    return new FitFile(
        SCHEMA,
        law.name(),
        law.formula(),
        law.inputs(),
        law.output(),
        clean(fit.paramMap()),
        clean(fit.stdErrorMap()),
        boxed(fit.covariance()),
        fit.objective().spec(),
        fit.objectiveValue(),
        fit.n(),
        fit.dof(),
        fit.rms(),
        fit.starts(),
        fit.startsConverged(),
        fit.bestStart(),
        fit.iterations(),
        fit.converged(),
        map,
        where,
        data,
        boot == null ? null : summary(law, boot),
        loro,
        Provenance.capture(),
        ranges(obs),
        warnings(fit, boot, loro));
  }

  private static Map<String, Range> ranges(Observations obs) {
    Map<String, Range> out = new LinkedHashMap<>();
    for (int j = 0; j < obs.inputs().size(); j++) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double[] x : obs.x()) {
        min = Math.min(min, x[j]);
        max = Math.max(max, x[j]);
      }
      out.put(obs.inputs().get(j), new Range(min, max));
    }
    return out;
  }

  /**
   * @param fit a fit
   * @param boot its bootstrap, or null
   * @param loro its leave-one-run-out validation, or null
   * @return one line per problem: each parameter at a bound, a bootstrap whose refits all failed,
   *     leave-one-run-out folds that could not be refitted
   */
  public static List<String> warnings(
      FitResult fit, Bootstrap.Result boot, LeaveOneRunOut.Result loro) {
    List<String> out = new ArrayList<>();
    Map<String, Double> bounds = fit.atBounds();
    double[] upper = fit.law().upperBounds();
    bounds.forEach(
        (name, bound) ->
            out.add(
                String.format(
                    "%s = %s is at its %s bound %s: the fit presses against it, so the data do not determine it",
                    name,
                    number(fit.param(name)),
                    bound == upper[fit.law().parameters().indexOf(name)] ? "upper" : "lower",
                    number(bound))));
    String why = bounds.isEmpty() ? "" : " (refits start from the fit, which sits at a bound)";
    if (boot != null && boot.requested() > 0 && boot.failed() == boot.requested()) {
      out.add("the bootstrap could not run: all " + boot.requested() + " refits failed" + why);
    }
    if (loro != null) {
      long failed =
          loro.folds().stream().filter(f -> !Double.isFinite(f.meanAbsRelError())).count();
      if (failed == loro.folds().size()) {
        out.add("leave-one-run-out could not run: all " + failed + " refits failed" + why);
      } else if (failed > 0) {
        out.add(
            "leave-one-run-out: "
                + failed
                + " of "
                + loro.folds().size()
                + " refits failed and are left out of its errors"
                + why);
      }
    }
    return out;
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format("%.4g", v);
  }

  private static BootstrapSummary summary(ScalingLaw law, Bootstrap.Result boot) {
    Map<String, Double> lo = new LinkedHashMap<>();
    Map<String, Double> hi = new LinkedHashMap<>();
    double[] se = boot.stdErrors();
    Map<String, Double> ses = new LinkedHashMap<>();
    for (int j = 0; j < law.parameters().size(); j++) {
      final int jj = j;
      double[] ci =
          Bootstrap.percentileInterval(
              java.util.Arrays.stream(boot.samples()).mapToDouble(s -> s[jj]).toArray(), 0.95);
      String name = law.parameters().get(j);
      lo.put(name, ci[0]);
      hi.put(name, ci[1]);
      ses.put(name, j < se.length ? se[j] : Double.NaN);
    }
    return new BootstrapSummary(
        boot.requested(),
        boot.failed(),
        boot.seed(),
        boot.unit(),
        clean(ses),
        clean(lo),
        clean(hi),
        boot.samples(),
        boot.runs(),
        boot.index());
  }

  /**
   * @return the model to predict with
   * @throws InputException when a parameter is missing
   */
  public FitModel toModel() {
    ScalingLaw l = Laws.byName(law);
    double[] p = new double[l.parameters().size()];
    double[][] cov = new double[p.length][p.length];
    for (int j = 0; j < p.length; j++) {
      Double v = params == null ? null : params.get(l.parameters().get(j));
      if (v == null) {
        throw new InputException(
            "fit file: params has no value for '" + l.parameters().get(j) + "'");
      }
      p[j] = v;
      for (int k = 0; k < p.length; k++) {
        Double c = covariance == null || covariance.length != p.length ? null : covariance[j][k];
        cov[j][k] = c == null ? Double.NaN : c;
      }
    }
    FitModel.Draws draws =
        bootstrap == null || bootstrap.runs() == null || bootstrap.index() == null
            ? null
            : new FitModel.Draws(bootstrap.seed(), bootstrap.runs(), bootstrap.index());
    return new FitModel(l, p, cov, dof, bootstrap == null ? null : bootstrap.samples(), draws);
  }

  /**
   * @param path where to write, whole or not at all ({@link AtomicFiles})
   * @throws org.scalecast.results.FileError naming the path when it cannot be written
   */
  public void write(Path path) {
    AtomicFiles.write(path, out -> JSON.writeValue(out, this));
  }

  /**
   * @param path a fit file
   * @return its contents
   * @throws InputException when missing or malformed
   */
  public static FitFile read(Path path) {
    if (!Files.isRegularFile(path)) {
      throw CsvTables.notAFile(path, "fit file");
    }
    try {
      FitFile f = JSON.readValue(path.toFile(), FitFile.class);
      if (f.law() == null) {
        throw new InputException(path + ": not a scalecast fit file (no 'law')");
      }
      f.check(path);
      return f;
    } catch (IOException e) {
      throw new InputException(
          path + ": not a scalecast fit file (" + CsvTables.oneLine(e) + ")", e);
    }
  }

  /**
   * The shapes {@link #toModel} relies on: a hand-edited file with a covariance or a bootstrap
   * sample of the wrong size was an "internal error" (ArrayIndexOutOfBounds), and a parameter
   * written "NaN" a prediction of n/a, exit 0 (a bad-input hunt, twentieth session).
   */
  private void check(Path path) {
    ScalingLaw l;
    try {
      l = Laws.byName(law);
    } catch (InputException e) {
      throw new InputException(path + ": " + e.getMessage());
    }
    int k = l.parameters().size();
    for (String name : l.parameters()) {
      Double v = params == null ? null : params.get(name);
      if (v == null || !Double.isFinite(v)) {
        throw new InputException(
            path
                + ": params: '"
                + name
                + "' is "
                + (v == null ? "missing" : v)
                + " (law "
                + law
                + " needs "
                + String.join(", ", l.parameters())
                + ", each a finite number)");
      }
    }
    if (covariance != null
        && (covariance.length != k
            || java.util.Arrays.stream(covariance).anyMatch(r -> r == null || r.length != k))) {
      throw new InputException(
          path + ": covariance is not " + k + " x " + k + " (one row and column per parameter)");
    }
    if (dof < 0) {
      throw new InputException(path + ": dof is " + dof + ", below 0");
    }
    if (bootstrap != null && bootstrap.samples() != null) {
      for (double[] s : bootstrap.samples()) {
        if (s == null || s.length != k) {
          throw new InputException(
              path
                  + ": bootstrap: a sample has "
                  + (s == null ? 0 : s.length)
                  + " values, not "
                  + k
                  + " (one per parameter)");
        }
      }
    }
  }

  private static Map<String, Double> clean(Map<String, Double> m) {
    Map<String, Double> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v == null || !Double.isFinite(v) ? null : v));
    return out;
  }

  private static Double[][] boxed(double[][] m) {
    Double[][] out = new Double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = new Double[m[i].length];
      for (int j = 0; j < m[i].length; j++) {
        out[i][j] = Double.isFinite(m[i][j]) ? m[i][j] : null;
      }
    }
    return out;
  }
}
