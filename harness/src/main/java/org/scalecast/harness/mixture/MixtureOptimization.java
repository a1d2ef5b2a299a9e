package org.scalecast.harness.mixture;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.scalecast.fit.flpm.MixtureBootstrap;
import org.scalecast.fit.flpm.MixturePoint;
import org.scalecast.fit.flpm.MixturePredictor;
import org.scalecast.fit.flpm.MixtureReport;
import org.scalecast.fit.flpm.MixtureSpec;
import org.scalecast.fit.flpm.MixtureUncertainty;
import org.scalecast.harness.report.MixtureFigure;
import org.scalecast.results.AtomicFiles;
import tech.tablesaw.api.Table;

/**
 * {@code mixture optimize}'s workflow: every share on the grid predicted at the budget, the best
 * named, a bootstrap over runs for intervals and ties, then, when asked, the best share and two
 * rivals trained and measured ({@link MixtureVerification}), and the report folder written. The
 * command parses, checks its options, calls these and prints.
 */
public final class MixtureOptimization {
  private MixtureOptimization() {}

  /**
   * The prediction at a budget.
   *
   * @param predictor the fitted FLP-M
   * @param points every share of the grid, predicted
   * @param best the best of them
   * @param refits the bootstrap's replicates (empty without a bootstrap)
   * @param uncertainty the bootstrap's summary, or null without one
   * @param report the report of all of it
   */
  public record Result(
      MixturePredictor predictor,
      List<MixturePoint> points,
      MixturePoint best,
      List<MixtureBootstrap.Replicate> refits,
      MixtureUncertainty uncertainty,
      MixtureReport report) {}

  /**
   * The verification's measurements.
   *
   * @param outcomes one per trained share
   * @param verdict whether the choice was right and the domain losses matched
   */
  public record Verified(
      List<MixtureVerification.Outcome> outcomes, MixtureVerification.Verdict verdict) {
    /** No verification asked for. */
    public static final Verified NONE = new Verified(List.of(), null);
  }

  /**
   * @param t the mixture sweep's table
   * @param p FLP-M fitted on it
   * @param budget the compute C
   * @param grid the shares to predict
   * @param bootstrap replicates (0: none)
   * @param seed the bootstrap's seed
   * @param level the bootstrap intervals' coverage
   * @return the prediction
   */
  public static Result optimize(
      Table t,
      MixturePredictor p,
      double budget,
      double[] grid,
      int bootstrap,
      long seed,
      double level) {
    List<MixturePoint> points = MixturePoint.sweep(p, budget, grid);
    List<MixtureBootstrap.Replicate> refits =
        bootstrap == 0 ? List.of() : MixtureBootstrap.refits(t, p, bootstrap, seed);
    MixtureUncertainty u =
        bootstrap == 0
            ? null
            : MixtureUncertainty.of(
                points,
                MixtureBootstrap.objectives(refits, p, budget, grid),
                seed,
                level,
                p.largestCompute());
    return new Result(
        p, points, MixturePoint.best(points), refits, u, MixtureReport.of(p, budget, points, u));
  }

  /**
   * Trains the best share and the two most informative rivals ({@link MixtureVerification#shares},
   * at least the sweep's share spacing apart) and measures them.
   *
   * @param request what to train and where
   * @param t the mixture sweep's table (its shares give the spacing)
   * @param share the share's column
   * @param r the prediction
   * @param grid the shares predicted
   * @param level the intervals' coverage
   * @param log where training reports
   * @return the measurements and the verdict
   */
  public static Verified verify(
      MixtureVerification.Request request,
      Table t,
      String share,
      Result r,
      double[] grid,
      double level,
      PrintWriter log) {
    double[] sampled = t.numberColumn(share).asDoubleArray();
    double[] train =
        MixtureVerification.shares(
            r.best().r(), grid, r.uncertainty(), MixtureVerification.spacing(sampled));
    List<MixtureVerification.Outcome> measured =
        MixtureVerification.run(request, r.predictor(), train, r.refits(), level, log);
    return new Verified(
        measured,
        MixtureVerification.verdict(measured, r.best().r(), MixtureVerification.LOSS_TOLERANCE));
  }

  /**
   * Writes {@code mixture.json}, {@code mixture.csv}, the verification's JSON and the figure into
   * the folder, replaced as a whole after any verification: never a mix of two runs' files.
   *
   * @param out the folder
   * @param r the prediction
   * @param spec the sweep's columns, for the figure
   * @param v the verification ({@link Verified#NONE} without one)
   * @param verification its JSON, or null without one
   * @param reportJson the report as JSON
   * @param csv the points as CSV
   */
  public static void write(
      Path out,
      Result r,
      MixtureSpec spec,
      Verified v,
      String verification,
      String reportJson,
      String csv) {
    AtomicFiles.replaceFolder(
        out,
        "mixture.json",
        dir -> {
          AtomicFiles.writeString(dir.resolve("mixture.json"), reportJson);
          AtomicFiles.writeString(dir.resolve("mixture.csv"), csv);
          if (verification != null) {
            AtomicFiles.writeString(dir.resolve("verification.json"), verification);
          }
          new MixtureFigure(r.points(), r.uncertainty(), v.outcomes(), spec)
              .write(dir.resolve("mixture.png"));
          return dir;
        });
  }
}
