package org.scalecast.harness.mixture;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.scalecast.fit.Bootstrap;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.fit.flpm.MixtureBootstrap;
import org.scalecast.fit.flpm.MixturePoint;
import org.scalecast.fit.flpm.MixturePredictor;
import org.scalecast.fit.flpm.MixtureUncertainty;
import org.scalecast.harness.sweep.EvalSettings;
import org.scalecast.harness.sweep.ModelSizes;
import org.scalecast.harness.sweep.RunSpec;
import org.scalecast.harness.sweep.SweepConfig;
import org.scalecast.harness.sweep.SweepRunner;
import org.scalecast.harness.sweep.Sweeps;
import org.scalecast.models.Flops;
import org.scalecast.models.GptConfig;
import org.scalecast.results.Chance;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.RecordLog;
import org.scalecast.results.ResultsTable;
import tech.tablesaw.api.Table;

/**
 * The workflow behind {@code mixture optimize --verify}, run as an experiment: trains the predicted
 * best share and the two most informative others ({@link #shares}) at the budget, which must be at
 * least {@value #MIN_BUDGET_RATIO}x the sweep's largest run, and sets the prediction, with the
 * bootstrap's intervals, beside what the runs measured, with the standard error of each score from
 * its task items. The verdict ({@link #verdict}) says whether the choice was right.
 */
public final class MixtureVerification {
  private MixtureVerification() {}

  /** The verification budget must be at least this multiple of the sweep's largest compute. */
  public static final double MIN_BUDGET_RATIO = 2;

  /** Without {@code --items}, verification runs score this many times the sweep's task items. */
  public static final int ITEMS_FACTOR = 4;

  /** A verified domain loss "matches" its prediction within this relative error. */
  public static final double LOSS_TOLERANCE = 0.03;

  /**
   * What to verify.
   *
   * @param sweepFile the mixture sweep whose data, shape settings and training settings it reuses
   * @param domain the domain whose share is r
   * @param model the model size to train: a named size, or any {@code dW-lL-hH}
   * @param budget training FLOPs per run
   * @param runsDir where the verification runs go
   * @param cache the data cache
   * @param items task items per task in the verification runs (0: {@value #ITEMS_FACTOR}x the
   *     sweep's); the runs are scored at their final checkpoint only, so many items cost little
   * @param jobs runs at a time (each in its own process, with the engine's thread count)
   */
  public record Request(
      Path sweepFile,
      String domain,
      String model,
      double budget,
      Path runsDir,
      Path cache,
      int items,
      int jobs) {}

  /**
   * @param r the share
   * @param compute the run's training compute (6ND)
   * @param predicted FLP-M at the run's compute
   * @param intervals column (each domain loss and {@link #OBJECTIVE}) -> the bootstrap's interval
   *     {lower, upper} at the run's compute ({NaN, NaN} without a bootstrap)
   * @param actual column (each domain loss and task score) -> the run's final value
   * @param scoreSe task score column -> its binomial standard error, sqrt(p (1 - p) / items)
   * @param actualObjective the measured mean chance-normalised score
   * @param objectiveSe its standard error from the task items
   */
  public record Outcome(
      double r,
      double compute,
      MixturePoint predicted,
      Map<String, double[]> intervals,
      Map<String, Double> actual,
      Map<String, Double> scoreSe,
      double actualObjective,
      double objectiveSe)
      implements org.scalecast.harness.report.MixtureFigure.Measured {

    /**
     * @param loss a domain loss column
     * @return (measured - predicted) / predicted
     */
    public double lossError(String loss) {
      double p = predicted.losses().get(loss);
      return (actual.get(loss) - p) / p;
    }
  }

  /** The key of the objective's interval in {@link Outcome#intervals()}. */
  public static final String OBJECTIVE = "objective";

  /** Whether the chosen share was right, measured. */
  public enum Kind {
    /** the chosen share measured best of the verified ones */
    RIGHT,
    /** another share measured better, by no more than one standard error */
    WITHIN_ONE_SE,
    /** another share measured better by more than one standard error */
    WRONG
  }

  /**
   * @param chosen the predicted best share
   * @param measuredBest the verified share with the highest measured objective
   * @param gap the measured best's objective minus the chosen share's (0 when the chosen is best)
   * @param se the standard error of the measured best's objective, from its task items
   * @param seDifference the standard error of the difference of the two measured objectives
   *     (independent items assumed), for reference
   * @param kind right, within one standard error (gap <= se), or wrong
   * @param worstLoss the domain loss column and share with the largest relative error
   * @param worstLossError that error, (measured - predicted) / predicted
   * @param lossesWithin whether every verified domain loss is within {@link #LOSS_TOLERANCE} of its
   *     prediction
   */
  public record Verdict(
      double chosen,
      double measuredBest,
      double gap,
      double se,
      double seDifference,
      Kind kind,
      String worstLoss,
      double worstLossError,
      boolean lossesWithin) {}

  /**
   * Trains the verification runs (finished ones are skipped) and reads their final rows.
   *
   * @param o what to verify
   * @param p the fitted FLP-M
   * @param shares the shares to train, the chosen one among them ({@link #shares})
   * @param refits the bootstrap's replicates (empty: no intervals)
   * @param level the intervals' coverage
   * @param log where training reports
   * @return one outcome per trained share
   */
  public static List<Outcome> run(
      Request o,
      MixturePredictor p,
      double[] shares,
      List<MixtureBootstrap.Replicate> refits,
      double level,
      PrintWriter log) {
    SweepConfig base = Sweeps.load(o.sweepFile());
    if (base.data().domains().size() != 2 || !base.data().domains().containsKey(o.domain())) {
      throw new InputException(
          o.sweepFile() + ": --verify needs two domains, one of them '" + o.domain() + "'");
    }
    SweepConfig cfg = verifySweep(base, o, shares);
    Path file = o.sweepFile();
    int jobs = 1;
    if (o.jobs() > 1) { // child processes load the sweep from a file: this one, written out
      file = o.runsDir().resolve(cfg.name() + ".yaml");
      write(cfg, file);
      if (Sweeps.load(file).equals(cfg)) {
        jobs = o.jobs();
      } else {
        log.println(file + " does not read back as written: training one run at a time");
        file = o.sweepFile();
      }
    }
    new SweepRunner(o.runsDir(), o.cache(), Device.cpu(), jobs, log).run(cfg, file, null, null);
    Table t = ResultsTable.collect(o.runsDir());
    Set<String> ours = Sweeps.expand(cfg).stream().map(RunSpec::runId).collect(Collectors.toSet());
    List<Outcome> out = new ArrayList<>();
    for (double r : shares) {
      out.add(outcome(t, o.runsDir(), p, r, Columns.mixShare(o.domain()), ours, refits, level));
    }
    return out;
  }

  /**
   * The chosen share and the two most informative others to train beside it. A rival is informative
   * when the bootstrap gives it a good chance of being at least as good as the chosen share (its
   * {@code notWorse} fraction) and when a run can tell the two apart: only shares at least {@code
   * minGap} from the chosen one (and from each other) are considered, since a neighbour on the fine
   * search grid differs by less than any run can measure. Ranking: the larger {@code notWorse},
   * then the nearer share (the smaller predicted difference, the one the prediction is least sure
   * of), then the larger spread of its difference to the best. The first rival is the top-ranked;
   * the second the top-ranked on the chosen share's other side, so the two bracket the choice, or,
   * when the choice is at an end of the grid, the next-ranked.
   *
   * @param best the predicted best share
   * @param grid the shares searched (ascending)
   * @param u the bootstrap's summary over the same grid, or null (then: nearest first)
   * @param minGap the smallest difference in share worth a run (the sweep's share spacing)
   * @return three shares, ascending, the chosen among them (fewer when the grid has fewer)
   */
  public static double[] shares(double best, double[] grid, MixtureUncertainty u, double minGap) {
    Map<Double, MixtureUncertainty.Share> byR = new LinkedHashMap<>();
    if (u != null) {
      u.shares().forEach(s -> byR.put(s.r(), s));
    }
    Comparator<Double> rank =
        Comparator.<Double>comparingDouble(r -> -finiteOr(byR, r, true))
            .thenComparingDouble(r -> Math.abs(r - best))
            .thenComparingDouble(r -> -finiteOr(byR, r, false));
    List<Double> candidates = new ArrayList<>();
    for (double r : grid) {
      if (Math.abs(r - best) >= minGap - 1e-9) {
        candidates.add(r);
      }
    }
    if (candidates.isEmpty()) { // a grid narrower than the gap: the farthest shares instead
      for (double r : grid) {
        if (r != best) {
          candidates.add(r);
        }
      }
      rank = Comparator.comparingDouble(r -> -Math.abs(r - best));
    }
    candidates.sort(rank);
    List<Double> chosen = new ArrayList<>(List.of(best));
    if (!candidates.isEmpty()) {
      double first = candidates.get(0);
      chosen.add(first);
      double side = Math.signum(first - best);
      candidates.stream()
          .filter(r -> Math.signum(r - best) == -side)
          .findFirst()
          .or(
              () ->
                  candidates.stream()
                      .filter(r -> r != first && Math.abs(r - first) >= minGap - 1e-9)
                      .findFirst())
          .or(() -> candidates.stream().filter(r -> r != first).findFirst())
          .ifPresent(chosen::add);
    }
    return chosen.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  private static double finiteOr(
      Map<Double, MixtureUncertainty.Share> byR, double r, boolean notWorse) {
    MixtureUncertainty.Share s = byR.get(r);
    double v = s == null ? Double.NaN : notWorse ? s.notWorse() : s.spread();
    return Double.isFinite(v) ? v : 0;
  }

  /**
   * The smallest difference between the distinct shares a sweep sampled.
   *
   * @param sampled the sweep's shares, in any order, repeats allowed
   * @return the smallest gap, or +inf with fewer than two distinct shares
   */
  public static double spacing(double[] sampled) {
    double[] s = java.util.Arrays.stream(sampled).distinct().sorted().toArray();
    double gap = Double.POSITIVE_INFINITY;
    for (int i = 1; i < s.length; i++) {
      gap = Math.min(gap, s[i] - s[i - 1]);
    }
    return gap;
  }

  /**
   * @param outcomes the verified shares
   * @param chosen the predicted best share, one of them
   * @param lossTolerance the relative error a domain loss may have
   * @return whether the choice was right, and whether every domain loss matched
   */
  public static Verdict verdict(List<Outcome> outcomes, double chosen, double lossTolerance) {
    Outcome mine =
        outcomes.stream()
            .filter(o -> o.r() == chosen)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("chosen share " + chosen + " absent"));
    Outcome best =
        outcomes.stream().max(Comparator.comparingDouble(Outcome::actualObjective)).orElseThrow();
    double gap = best.actualObjective() - mine.actualObjective();
    Kind kind =
        best == mine || gap <= 0
            ? Kind.RIGHT
            : gap <= best.objectiveSe() ? Kind.WITHIN_ONE_SE : Kind.WRONG;
    String worst = null;
    double worstError = 0;
    for (Outcome o : outcomes) {
      for (String loss : o.predicted().losses().keySet()) {
        double e = o.lossError(loss);
        if (worst == null || Math.abs(e) > Math.abs(worstError)) {
          worst = loss + " at r = " + o.r();
          worstError = e;
        }
      }
    }
    return new Verdict(
        chosen,
        best.r(),
        Math.max(0, gap),
        best.objectiveSe(),
        Math.hypot(best.objectiveSe(), mine.objectiveSe()),
        kind,
        worst,
        worstError,
        Math.abs(worstError) <= lossTolerance);
  }

  /**
   * The standard error of a mean chance-normalised score from binomial standard errors.
   *
   * @param scores task -> measured score (a rate)
   * @param items task -> items it was scored on
   * @param chance task -> chance level
   * @return (1/T) sqrt(sum over tasks of (sqrt(p (1 - p) / n) / (1 - chance))^2)
   */
  public static double objectiveSe(
      Map<String, Double> scores, Map<String, Integer> items, Map<String, Double> chance) {
    double sum = 0;
    for (Map.Entry<String, Double> e : scores.entrySet()) {
      double se = binomialSe(e.getValue(), items.get(e.getKey()));
      sum += Math.pow(se / (1 - chance.get(e.getKey())), 2);
    }
    return Math.sqrt(sum) / Math.max(1, scores.size());
  }

  /**
   * @param p a measured rate
   * @param n items
   * @return sqrt(p (1 - p) / n)
   */
  public static double binomialSe(double p, int n) {
    return Math.sqrt(p * (1 - p) / n);
  }

  /**
   * @param name a named size, or {@code dW-lL-hH} for any width, depth and heads
   * @return the shape
   */
  public static SweepConfig.ModelShape shape(String name) {
    try {
      ModelSizes.byName(name);
      return SweepConfig.ModelShape.named(name);
    } catch (InputException unknown) {
      Matcher m = Pattern.compile("d(\\d+)-l(\\d+)-h(\\d+)").matcher(name);
      if (!m.matches()) {
        throw unknown;
      }
      return new SweepConfig.ModelShape(
          null,
          Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)),
          null,
          null,
          null,
          null,
          null);
    }
  }

  /**
   * @param cfg a sweep
   * @param file where its YAML goes
   */
  static void write(SweepConfig cfg, Path file) {
    try {
      java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
      org.scalecast.results.AtomicFiles.writeString(file, Sweeps.YAML.writeValueAsString(cfg));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SweepConfig verifySweep(SweepConfig base, Request o, double[] shares) {
    SweepConfig.ModelShape shape = shape(o.model());
    GptConfig m = Sweeps.model(base, shape);
    long tokens = Math.round(o.budget() / Flops.perToken(m, Flops.Convention.SIX_N));
    String other =
        base.data().domains().keySet().stream()
            .filter(d -> !d.equals(o.domain()))
            .findFirst()
            .orElseThrow();
    List<Map<String, Double>> mixes = new ArrayList<>();
    for (double r : shares) {
      Map<String, Double> mix = new LinkedHashMap<>();
      mix.put(other, 1 - r);
      mix.put(o.domain(), r);
      mixes.add(mix);
    }
    EvalSettings e = base.eval();
    EvalSettings finalOnly =
        new EvalSettings(
            1,
            0,
            e.windows(),
            e.batchSize(),
            e.tasks(),
            o.items() > 0 ? o.items() : ITEMS_FACTOR * e.taskItems(),
            e.taskFiles());
    return new SweepConfig(
        base.name() + "-verify",
        base.seeds().subList(0, 1),
        base.data(),
        List.of(shape),
        base.contextLength(),
        base.head(),
        List.of(SweepConfig.Budget.ofTokens(tokens)),
        mixes,
        base.train(),
        finalOnly,
        null);
  }

  private static Outcome outcome(
      Table t,
      Path runsDir,
      MixturePredictor p,
      double r,
      String share,
      Set<String> ours,
      List<MixtureBootstrap.Replicate> refits,
      double level) {
    for (int row = 0; row < t.rowCount(); row++) {
      String id = t.column(Columns.RUN_ID).getString(row);
      if (ours.contains(id) // not an older run here
          && CsvTables.flag(t, Columns.IS_FINAL, row)
          && Math.abs(CsvTables.number(t, share, row) - r) < 1e-9) {
        double c = CsvTables.number(t, Columns.FLOPS, row);
        MixturePoint pred = MixturePoint.at(p, c, r);
        Map<String, Double> actual = new LinkedHashMap<>();
        for (String l : p.spec().losses()) {
          actual.put(l, CsvTables.number(t, l, row));
        }
        Map<String, Integer> items = items(runsDir.resolve(id));
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Integer> n = new LinkedHashMap<>();
        Map<String, Double> chance = new LinkedHashMap<>();
        Map<String, Double> se = new LinkedHashMap<>();
        double sum = 0;
        for (PredictSpec.TaskSpec task : p.spec().tasks()) {
          double v = CsvTables.number(t, task.score(), row);
          actual.put(task.score(), v);
          scores.put(task.score(), v);
          n.put(task.score(), itemsOf(items, task.score()));
          chance.put(task.score(), task.chance());
          se.put(task.score(), binomialSe(v, n.get(task.score())));
          sum += Chance.normalise(v, task.chance());
        }
        return new Outcome(
            r,
            c,
            pred,
            intervals(p, refits, c, r, level),
            actual,
            se,
            sum / Math.max(1, p.spec().tasks().size()),
            objectiveSe(scores, n, chance));
      }
    }
    throw new InputException("verification run at share " + r + " has no final row");
  }

  /** Each domain loss's and the objective's bootstrap interval at (c, r). */
  static Map<String, double[]> intervals(
      MixturePredictor p,
      List<MixtureBootstrap.Replicate> refits,
      double c,
      double r,
      double level) {
    List<MixtureBootstrap.Replicate> ok =
        refits.stream().filter(java.util.Objects::nonNull).toList();
    Map<String, double[]> out = new LinkedHashMap<>();
    List<String> losses = p.spec().losses();
    double[][] l = new double[losses.size()][ok.size()];
    double[] obj = new double[ok.size()];
    for (int k = 0; k < ok.size(); k++) {
      double[] v = ok.get(k).losses(p, c, r);
      for (int j = 0; j < v.length; j++) {
        l[j][k] = v[j];
      }
      obj[k] = ok.get(k).objective(p, c, r);
    }
    for (int j = 0; j < losses.size(); j++) {
      out.put(losses.get(j), Bootstrap.percentileInterval(l[j], level));
    }
    out.put(OBJECTIVE, Bootstrap.percentileInterval(obj, level));
    return out;
  }

  /** Task name -> items, from the run's manifest. */
  private static Map<String, Integer> items(Path runDir) {
    try {
      JsonNode m = RecordLog.JSON.readTree(runDir.resolve(ResultsTable.MANIFEST).toFile());
      Map<String, Integer> out = new LinkedHashMap<>();
      m.path("tasks")
          .forEach(
              t ->
                  out.put(
                      t.get("name").asText() + "_v" + t.path("version").asInt(1) + "_",
                      t.get("items").asInt()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int itemsOf(Map<String, Integer> items, String score) {
    return items.entrySet().stream()
        .filter(e -> score.startsWith(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new InputException("no item count for task score " + score));
  }
}
