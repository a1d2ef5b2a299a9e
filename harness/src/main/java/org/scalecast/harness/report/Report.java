package org.scalecast.harness.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.Observations;
import org.scalecast.fit.Prediction;
import org.scalecast.fit.flp.DirectBlendMethod;
import org.scalecast.fit.flp.MethodFit;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.fit.flp.PredictionRow;
import org.scalecast.fit.flp.Predictions;
import org.scalecast.fit.flp.Preparation;
import org.scalecast.fit.flp.QuantityParts;
import org.scalecast.fit.flp.Target;
import org.scalecast.fit.io.FitFile;
import org.scalecast.results.AtomicFiles;
import org.scalecast.results.Chance;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.QuantityKind;
import org.scalecast.results.ResultsTable;
import tech.tablesaw.api.Table;

/**
 * A self-contained report folder: {@code report.md} with its figures beside it (PNG, and SVG of the
 * same name), and the tables as CSV ({@code results.csv}, {@code predictions.csv}) and JSON ({@code
 * predictions.json}, the {@code predict --json} list).
 *
 * <p>Figures: each loss against FLOPs with FLP's stage-1 fit and the target marked; each task's
 * score against its loss with the emergence threshold, the stage-2 line and the target (a task
 * without a loss column: its score against FLOPs with the chosen laws); predicted against actual
 * for the method chosen in advance of each quantity not refused. The lines are the fits that
 * predicted ({@link Predictions#fit}), not refits; intervals are at the spec's level, shaded bands
 * around the fits and bars on the predictions.
 */
public final class Report {
  static final Color FAINT = new Color(160, 160, 160);
  static final Color TARGET = new Color(213, 94, 0);
  static final Color FIT = new Color(0, 114, 178);

  private static final String CHECKPOINTS = "sampling checkpoints";
  private static final String FINALS = "sampling runs, final";

  private final Table table;
  private final Map<String, Table> own;
  private final PredictSpec spec;
  private final Predictions predictions;
  private final List<PredictionRow> rows;
  private final Target target;
  private final List<Integer> sampling;
  private final List<Integer> finals = new ArrayList<>();

  /**
   * @param table the results table
   * @param spec what was predicted, tasks resolved
   * @param predictions the predictions and the fits behind them, which the figures draw
   */
  public Report(Table table, PredictSpec spec, Predictions predictions) {
    this(table, spec, predictions, Map.of());
  }

  /**
   * @param table the results table (a ladder's rows that have every predicted column)
   * @param spec what was predicted, tasks resolved
   * @param predictions the predictions and the fits behind them, which the figures draw
   * @param own per quantity, the rows it was predicted from when they are not {@code table}'s (a
   *     ladder with incomplete rows: {@code QuantityParts}); its figure draws those
   */
  public Report(Table table, PredictSpec spec, Predictions predictions, Map<String, Table> own) {
    this.own = Map.copyOf(own);
    this.table = table;
    this.spec = spec;
    this.predictions = predictions;
    this.rows = predictions.rows();
    this.target = predictions.target();
    this.sampling = Target.samplingRows(table, target);
    for (int r : sampling) {
      if (CsvTables.flag(table, Columns.IS_FINAL, r)) {
        finals.add(r);
      }
    }
  }

  /**
   * Writes the report's files into a folder, each whole ({@link AtomicFiles}); callers replace a
   * report folder as a whole by writing into {@link AtomicFiles#replaceFolder}'s temporary folder.
   *
   * @param out the folder, created if needed
   * @param header lines describing where the report comes from (Markdown)
   * @return the Markdown file
   * @throws IOException when a file cannot be written
   */
  public Path write(Path out, List<String> header) throws IOException {
    ResultsTable.write(table, out.resolve("results.csv"));
    AtomicFiles.writeString(out.resolve("predictions.json"), FitFile.JSON.writeValueAsString(rows));
    AtomicFiles.writeString(out.resolve("predictions.csv"), PredictionTables.csv(rows));
    List<String> figures = new ArrayList<>();
    for (String loss : spec.losses()) {
      figures.add(of(loss).lossFigure(out, loss));
    }
    for (PredictSpec.TaskSpec task : spec.tasks()) {
      figures.add(of(task.score()).taskFigure(out, task));
    }
    figures.addAll(AgainstActual.figures(out, rows, spec.level()));
    Path md = out.resolve("report.md");
    AtomicFiles.writeString(
        md,
        PredictionTables.markdown(header, target, rows, figures, spec.level(), spec.backtest()));
    return md;
  }

  /** The report over the rows a quantity was predicted from. */
  private Report of(String quantity) {
    Table t = own.get(quantity);
    return t == null ? this : new Report(t, spec, QuantityParts.retarget(predictions, t));
  }

  /**
   * The rows' points, those whose cells are no numbers left out: a figure draws every checkpoint,
   * where the fits read only some, and a cell no fit reads (a derived log of a zero perplexity at a
   * middle checkpoint) must not stop the report when {@code predict} ran (a review of the change).
   */
  private Observations obs(List<Integer> rs, String x, String y) {
    List<double[]> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int r : rs) {
      try {
        double xv = CsvTables.number(table, x, r);
        ys.add(CsvTables.number(table, y, r));
        xs.add(new double[] {xv});
        ids.add(table.column(Columns.RUN_ID).getString(r));
      } catch (InputException unreadable) {
        // left out of the figure, counted in its legend; predict names such a cell where a fit
        // reads it
      }
    }
    return new Observations(
        List.of(x.equals(Columns.FLOPS) ? "C" : "L"),
        "y",
        xs.toArray(double[][]::new),
        ys.stream().mapToDouble(Double::doubleValue).toArray(),
        ids);
  }

  private String lossFigure(Path out, String loss) throws IOException {
    Observations all = obs(sampling, Columns.FLOPS, loss);
    Observations fin = obs(finals, Columns.FLOPS, loss);
    Plot p =
        new Plot(
            shortName(loss) + " against training FLOPs",
            "C (FLOPs, 6ND)",
            loss,
            Plot.Scale.LOG,
            Plot.Scale.LOG);
    if (checkpointsApart(sampling.size(), finals.size())) { // drawn under the finals
      p.add(points(CHECKPOINTS, all, sampling, FAINT));
    }
    p.add(points(FINALS, fin, finals, Plot.PALETTE[2]));
    // The law chosen in advance, when it is a curve in C alone (chinchilla's is in N and D); else
    // flp-loss's, FLP's own.
    PredictionRow chosen = chosenRow(loss);
    String method = chosen != null && inC(loss, chosen.method()) ? chosen.method() : "flp-loss";
    String refused = chosen != null && chosen.method().equals(method) ? refusedMark(chosen) : "";
    predictions
        .fit(loss, method)
        .ifPresent(
            f -> {
              MethodFit.Stage s1 = f.stages().get(0);
              double lo = Arrays.stream(s1.points().x()).mapToDouble(v -> v[0]).min().orElse(1) / 2;
              p.add(curve(method + " fit" + refused, s1.fit(), lo, target.flops() * 1.5, true));
            });
    markTarget(p, loss, target.flops(), target.flops());
    String file = fileName("loss_vs_flops_" + loss) + ".png";
    p.write(out.resolve(file));
    return file;
  }

  /** A loss law then a map from the loss; not direct-blend's two laws, both in C. */
  private static boolean isChain(MethodFit f) {
    return f.stages().size() == 2 && !f.stages().get(1).points().inputs().equals(List.of("C"));
  }

  /** A fit of the score in C alone, no chain (FLP's chains start in C too: stage 1). */
  private boolean direct(String quantity, String method) {
    return predictions
        .fit(quantity, method)
        .map(
            f ->
                !isChain(f)
                    && f.stages().stream().allMatch(s -> s.points().inputs().equals(List.of("C"))))
        .orElse(false);
  }

  private boolean inC(String quantity, String method) {
    return predictions
        .fit(quantity, method)
        .map(f -> f.stages().get(0).points().inputs().equals(List.of("C")))
        .orElse(false);
  }

  /**
   * A task without a loss column (a published table of scores), or one whose chosen method is
   * {@code direct}, has no stage 2 to draw: its score against training FLOPs, the direct method's
   * axis, with the target predicted and actual.
   */
  private String scoreVsFlopsFigure(Path out, PredictSpec.TaskSpec task) throws IOException {
    Observations fins = obs(finals, Columns.FLOPS, task.score());
    Plot p =
        new Plot(
                shortName(task.score()) + " against training FLOPs",
                "C (FLOPs, 6ND)",
                task.score(),
                Plot.Scale.LOG,
                Plot.Scale.LINEAR)
            .add(points(FINALS, fins, finals, Plot.PALETTE[2]))
            .rule(spec.emergence(task), emergenceLabel());
    PredictionRow chosen = chosenRow(task.score());
    if (chosen != null) {
      predictions
          .fit(task.score(), chosen.method())
          .ifPresent(f -> scoreCurves(p, chosen, f, task.chanceLevel()));
    }
    markTarget(p, task.score(), target.flops(), target.flops());
    String file = fileName("score_vs_flops_" + task.score()) + ".png";
    p.write(out.resolve(file));
    return file;
  }

  /**
   * The chosen method's laws in C on the score axis, as the method combines them: {@code direct}'s
   * one curve with its band, or {@code direct-blend}'s two halves (dashed) and their mean with the
   * hull of their bands; values and bands clipped to [0, 1], as the blend clips its halves. Before,
   * the figure had the points and the target only, and a reader could not see which form the number
   * came from (ninth session's note). Only those two methods reach this figure (it is drawn for a
   * task without a loss column, where no chain runs, or whose chosen method is {@code direct}), and
   * neither fits the error, so the curves need no flip. A refused quantity keeps its curves, marked
   * so in the legend, as the loss figure keeps its law: they show what was judged untrustworthy.
   */
  private void scoreCurves(Plot p, PredictionRow chosen, MethodFit f, double chance) {
    List<MethodFit.Stage> inC =
        f.stages().stream().filter(s -> s.points().inputs().equals(List.of("C"))).toList();
    if (inC.isEmpty()) {
      return;
    }
    double lo =
        inC.stream()
                .flatMap(s -> Arrays.stream(s.points().x()))
                .mapToDouble(v -> v[0])
                .min()
                .orElse(1)
            / 2;
    double hi = target.flops() * 1.5;
    DoubleUnaryOperator score = v -> QuantityKind.SCORE.clip(Chance.denormalise(v, chance));
    String label = chosen.method() + refusedMark(chosen);
    if (inC.size() == 1) {
      p.add(curve(banded(label), inC.get(0).fit(), lo, hi, true, score));
      return;
    }
    List<Plot.Series> halves = new ArrayList<>();
    for (MethodFit.Stage s : inC) {
      halves.add(curve(s.fit().law().name() + ", one half", s.fit(), lo, hi, true, score));
    }
    // The halves' values and bands floored as DirectBlendMethod floors them.
    double floor = Chance.floor(inC.get(0).points().y(), chance);
    double endFloor = DirectBlendMethod.endFloor(inC.get(0).points(), floor, chance);
    p.add(
        blend(
            banded(chosen.method() + " (their mean)" + refusedMark(chosen)),
            halves,
            floor,
            endFloor));
    for (int i = 0; i < halves.size(); i++) {
      Plot.Series h = halves.get(i);
      p.add(new Plot.Series(h.name(), h.x(), h.y(), Plot.Style.DASHED, Plot.PALETTE[4 + i]));
    }
  }

  /**
   * The halves' mean, with the hull of their bands (the ends that are numbers) and their values, as
   * {@code DirectBlendMethod} makes the row's interval.
   */
  static Plot.Series blend(String label, List<Plot.Series> halves, double floor, double endFloor) {
    double[] x = halves.get(0).x();
    double[] y = new double[x.length];
    double[] lo = new double[x.length];
    double[] hi = new double[x.length];
    int n = halves.size();
    for (int i = 0; i < x.length; i++) {
      double[] values = new double[n];
      double[] lowers = new double[n];
      double[] uppers = new double[n];
      for (int k = 0; k < n; k++) {
        values[k] = halves.get(k).y()[i];
        lowers[k] = halves.get(k).lo()[i];
        uppers[k] = halves.get(k).hi()[i];
      }
      double[] b = DirectBlendMethod.blend(values, lowers, uppers, floor, endFloor);
      y[i] = b[0];
      lo[i] = b[1];
      hi[i] = b[2];
    }
    return new Plot.Series(label, x, y, lo, hi, Plot.Style.LINE, FIT);
  }

  /** The legend of a task's emergence threshold line. */
  private String emergenceLabel() {
    return "chance + " + Math.round(100 * spec.margin()) + " pt";
  }

  private String taskFigure(Path out, PredictSpec.TaskSpec task) throws IOException {
    // A task with a loss column whose chosen method is in C (direct) is drawn on direct's axis too:
    // against its loss it had no fit and no prediction to show (OPT, thirteenth session).
    PredictionRow chosenHere = chosenRow(task.score());
    if (!table.columnNames().contains(task.loss())
        || chosenHere != null && direct(task.score(), chosenHere.method())) {
      return scoreVsFlopsFigure(out, task);
    }
    Observations pts = obs(sampling, task.loss(), task.score());
    Plot p =
        new Plot(
                shortName(task.score()) + " against " + shortName(task.loss()),
                task.loss(),
                task.score(),
                Plot.Scale.LINEAR,
                Plot.Scale.LINEAR)
            // faint: the emerged ones are drawn over them
            .add(
                points(
                    checkpointsApart(sampling.size(), finals.size()) ? CHECKPOINTS : FINALS,
                    pts,
                    sampling,
                    FAINT))
            .rule(spec.emergence(task), emergenceLabel());
    // The stage 2 of the chain chosen in advance, on its emerged points (a map fitted on the error
    // is drawn as the score it predicts); none when the chosen method is not a chain or was
    // refused before fitting (the threshold line shows why).
    PredictionRow chosen = chosenRow(task.score());
    double xPredicted = Double.NaN;
    MethodFit chain =
        chosen == null
            ? null
            : predictions.fit(task.score(), chosen.method()).filter(Report::isChain).orElse(null);
    if (chain != null) {
      MethodFit.Stage s1 = chain.stages().get(0);
      MethodFit.Stage s2 = chain.stages().get(1);
      xPredicted = s1.fit().predict(targetInputs(s1.points().inputs()), spec.level()).value();
      Observations em = s2.points();
      double lo = Arrays.stream(em.x()).mapToDouble(v -> v[0]).min().orElse(0);
      double hi = Arrays.stream(em.x()).mapToDouble(v -> v[0]).max().orElse(1);
      boolean onError = chosen.method().endsWith("exponential");
      // The prepare: anchor (loss 0, score 1) is no checkpoint: it was drawn and labelled as an
      // emerged one (a new user, twenty-fifth session).
      Plot.Series points = series("emerged", runs(em, false), Plot.Style.POINTS, Plot.PALETTE[2]);
      p.add(onError ? flip(points) : points);
      Observations anchor = runs(em, true);
      if (anchor.size() > 0) {
        Plot.Series a = series("anchor (prepare:)", anchor, Plot.Style.POINTS, Plot.PALETTE[3]);
        p.add(onError ? flip(a) : a);
      }
      Plot.Series c =
          curve(
              chosen.method() + ", stage 2" + refusedMark(chosen),
              s2.fit(),
              Double.isFinite(xPredicted) ? Math.min(lo, xPredicted) : lo,
              hi,
              false);
      p.add(onError ? flip(c) : c);
    }
    markTarget(
        p,
        task.score(),
        xPredicted,
        target.finalRow() >= 0 ? target.actual(table, task.loss()) : Double.NaN);
    String file = fileName("score_vs_loss_" + task.score()) + ".png";
    p.write(out.resolve(file));
    return file;
  }

  /** The target's stage-1 inputs by name: C, or N and D. */
  private double[] targetInputs(List<String> names) {
    return names.stream()
        .mapToDouble(
            n ->
                switch (n) {
                  case "C" -> target.flops();
                  case "N" -> target.nParams();
                  case "D" -> target.tokens();
                  default -> Double.NaN;
                })
        .toArray();
  }

  /** A series of errors (1 - score) drawn as scores. */
  private static Plot.Series flip(Plot.Series s) {
    return new Plot.Series(
        s.name(),
        s.x(),
        oneMinus(s.y()),
        s.hi() == null ? null : oneMinus(s.hi()),
        s.lo() == null ? null : oneMinus(s.lo()),
        s.style(),
        s.color());
  }

  private static double[] oneMinus(double[] v) {
    return Arrays.stream(v).map(x -> 1 - x).toArray();
  }

  /**
   * A legend name not taken yet, since XChart refuses a repeated one: the short name, else the
   * column's whole name, else that with a count ({@code x/piqa} and {@code piqa} are both {@code
   * piqa} short: review of the change).
   */
  static String unique(Set<String> taken, String shortName, String whole) {
    String name = taken.contains(shortName) ? whole : shortName;
    for (int k = 2; taken.contains(name); k++) {
      name = whole + " (" + k + ")";
    }
    taken.add(name);
    return name;
  }

  /**
   * A W&B-style column's last path part, for titles ({@code eval/downstream/piqa_acc} reads {@code
   * piqa_acc}); the axes keep the whole name.
   */
  static String shortName(String column) {
    return column.substring(column.lastIndexOf('/') + 1);
  }

  private PredictionRow chosenRow(String quantity) {
    return rows.stream()
        .filter(r -> r.quantity().equals(quantity) && r.chosenInAdvance())
        .findFirst()
        .orElse(null);
  }

  /**
   * Marks the target: the prediction of {@code quantity} by the method chosen in advance (with its
   * interval) at {@code xPredicted}, unless refused, and the actual value at {@code xActual}, each
   * when it exists. The advance choice, not the best in hindsight: it is what a user gets.
   */
  private void markTarget(Plot p, String quantity, double xPredicted, double xActual) {
    PredictionRow chosen = chosenRow(quantity);
    if (chosen != null && chosen.predicted() != null && Double.isFinite(xPredicted)) {
      p.add(
          new Plot.Series(
              "target, predicted ("
                  + chosen.method()
                  + ", chosen in advance)"
                  + (chosen.lower() == null ? "" : ", its interval"),
              new double[] {xPredicted},
              new double[] {chosen.predicted()},
              new double[] {nz(chosen.lower())},
              new double[] {nz(chosen.upper())},
              Plot.Style.DIAMONDS,
              TARGET));
    }
    if (target.finalRow() >= 0) {
      p.add(
          new Plot.Series(
              "target, actual",
              new double[] {xActual},
              new double[] {target.actual(table, quantity)},
              Plot.Style.SQUARES,
              Color.BLACK));
    }
  }

  static double nz(Double v) {
    return v == null ? Double.NaN : v;
  }

  /**
   * @param checkpoints how many rows the sampling runs have
   * @param finalRows how many of them are final checkpoints
   * @return whether a figure draws the checkpoints apart from the runs' finals: a ladder of
   *     released models has one checkpoint a run, and its figures listed "sampling checkpoints" it
   *     does not have (a new user on the RWKV-4 Pile ladder, eighteenth session)
   */
  static boolean checkpointsApart(int checkpoints, int finalRows) {
    return checkpoints > finalRows;
  }

  /**
   * The table rows' points as a series, its legend saying how many rows had a cell that is no
   * number ({@link #obs} leaves them out).
   */
  private static Plot.Series points(String name, Observations o, List<Integer> rows, Color c) {
    int left = rows.size() - o.size();
    String label =
        left == 0 ? name : name + " (" + left + " with a cell that is no number left out)";
    return series(label, o, Plot.Style.POINTS, c);
  }

  /**
   * A refused quantity keeps its law in the figures, marked so: it shows what was judged
   * untrustworthy.
   */
  private static String refusedMark(PredictionRow chosen) {
    return chosen.notPredictable() ? " (refused)" : "";
  }

  /**
   * A curve's legend with its band's level: the band is the fit's own interval, and the printed one
   * (the target's bar) is made from the backtests (joined with the fit's where they are too few),
   * so the two need not meet; a new user's Falcon-H1 report read them as one and found them apart
   * (nineteenth session).
   */
  private String banded(String name) {
    return name + ", the fit's own " + PredictionTables.percent(spec.level()) + " band";
  }

  /** The points of the anchor's pseudo-run, or of every other run. */
  static Observations runs(Observations o, boolean anchor) {
    return o.select(
        java.util.stream.IntStream.range(0, o.size())
            .filter(i -> o.runIds().get(i).equals(Preparation.Anchor.RUN) == anchor)
            .toArray());
  }

  private static Plot.Series series(String name, Observations o, Plot.Style style, Color c) {
    double[] x = Arrays.stream(o.x()).mapToDouble(v -> v[0]).toArray();
    return new Plot.Series(name, x, o.y(), style, c);
  }

  /** A fit's curve over [lo, hi], its interval at the spec's level as a band around it. */
  private Plot.Series curve(String name, FitResult f, double lo, double hi, boolean log) {
    return curve(banded(name), f, lo, hi, log, DoubleUnaryOperator.identity());
  }

  /**
   * The fit from lo to hi under {@code label}, its values and band ends passed through {@code to}.
   */
  private Plot.Series curve(
      String label, FitResult f, double lo, double hi, boolean log, DoubleUnaryOperator to) {
    int n = 60;
    double[] x = new double[n];
    double[] y = new double[n];
    double[] bandLo = new double[n];
    double[] bandHi = new double[n];
    for (int i = 0; i < n; i++) {
      double u = (double) i / (n - 1);
      x[i] = log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
      Prediction p = f.predict(new double[] {x[i]}, spec.level());
      y[i] = to.applyAsDouble(p.value());
      bandLo[i] = to.applyAsDouble(p.lower());
      bandHi[i] = to.applyAsDouble(p.upper());
    }
    return new Plot.Series(label, x, y, bandLo, bandHi, Plot.Style.LINE, FIT);
  }

  /**
   * A user's column names may hold slashes ({@code eval/downstream/piqa_acc}, W&B's keys): a figure
   * named after one keeps only letters, digits, dots, dashes and underscores.
   */
  public static String fileName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    // File systems take 255 bytes a name: a 245-character column failed the whole report. A long
    // name keeps its head and a hash of the whole, so two long names stay apart.
    return safe.length() <= MAX_NAME
        ? safe
        : safe.substring(0, MAX_NAME - 9) + "-" + String.format("%08x", name.hashCode());
  }

  /** Characters of a figure's name before its extension, well inside 255 bytes. */
  private static final int MAX_NAME = 120;
}
