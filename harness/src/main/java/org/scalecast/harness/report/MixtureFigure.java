package org.scalecast.harness.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.scalecast.fit.flpm.MixturePoint;
import org.scalecast.fit.flpm.MixtureSpec;
import org.scalecast.fit.flpm.MixtureUncertainty;

/** FLP-M's mixture curve: predicted objective and task scores against the share r. */
public final class MixtureFigure {
  private final List<MixturePoint> points;
  private final List<? extends Measured> measured;
  private final MixtureSpec spec;
  private final MixtureUncertainty uncertainty;

  /** A verification run: its share and measured objective. */
  public interface Measured {
    /**
     * @return the share
     */
    double r();

    /**
     * @return the measured objective
     */
    double actualObjective();

    /**
     * @return the measured objective's standard error (NaN: none drawn)
     */
    double objectiveSe();
  }

  /**
   * @param points predictions over shares
   * @param measured verification runs (may be empty)
   * @param spec what was fitted
   */
  public MixtureFigure(
      List<MixturePoint> points, List<? extends Measured> measured, MixtureSpec spec) {
    this(points, null, measured, spec);
  }

  /**
   * @param points predictions over shares
   * @param uncertainty the bootstrap's intervals over the same shares (drawn as error bars on the
   *     predicted objective), or null
   * @param measured verification runs (may be empty; drawn with +-1 standard error)
   * @param spec what was fitted
   */
  public MixtureFigure(
      List<MixturePoint> points,
      MixtureUncertainty uncertainty,
      List<? extends Measured> measured,
      MixtureSpec spec) {
    this.points = points;
    this.uncertainty = uncertainty;
    this.measured = measured;
    this.spec = spec;
  }

  /**
   * @param file the PNG; an SVG of the same name is written beside it
   * @throws IOException when it cannot be written
   */
  public void write(Path file) throws IOException {
    double[] r = points.stream().mapToDouble(MixturePoint::r).toArray();
    Plot p =
        new Plot(
            "FLP-M: predicted scores against the share " + spec.share(),
            spec.share(),
            "score / objective",
            Plot.Scale.LINEAR,
            Plot.Scale.LINEAR);
    p.add(
        new Plot.Series(
            uncertainty == null
                ? "objective (mean norm. score)"
                : "objective, 95% bootstrap interval",
            r,
            points.stream().mapToDouble(MixturePoint::objective).toArray(),
            uncertainty == null
                ? null
                : uncertainty.shares().stream()
                    .mapToDouble(MixtureUncertainty.Share::lower)
                    .toArray(),
            uncertainty == null
                ? null
                : uncertainty.shares().stream()
                    .mapToDouble(MixtureUncertainty.Share::upper)
                    .toArray(),
            Plot.Style.LINE,
            Plot.PALETTE[6]));
    int c = 0;
    for (String task : points.get(0).scores().keySet()) {
      p.add(
          new Plot.Series(
              task.replaceAll("_v\\d+_", "_"),
              r,
              points.stream().mapToDouble(m -> m.scores().get(task)).toArray(),
              Plot.Style.DASHED,
              Plot.PALETTE[c++ % 6]));
    }
    if (!measured.isEmpty()) {
      p.add(
          new Plot.Series(
              "objective, measured +- 1 SE",
              measured.stream().mapToDouble(Measured::r).toArray(),
              measured.stream().mapToDouble(Measured::actualObjective).toArray(),
              measured.stream().mapToDouble(m -> m.actualObjective() - m.objectiveSe()).toArray(),
              measured.stream().mapToDouble(m -> m.actualObjective() + m.objectiveSe()).toArray(),
              Plot.Style.SQUARES,
              Plot.PALETTE[6]));
    }
    p.write(file);
  }
}
