package org.scalecast.fit.flpm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.Role;
import tech.tablesaw.api.Table;

/**
 * FLP-M fitted on a mixture sweep: a mixture law per domain loss on the runs' final checkpoints
 * (FLP-M's own, Ye et al.'s or BiMix, chosen per domain by backtests, {@link DomainFit}), and a
 * score map per task on every checkpoint (both kinds, compared by leaving each run out), then
 * predictions at any (C, r).
 */
public final class MixturePredictor {
  private final MixtureSpec spec;
  private final Map<String, DomainFit> domains = new LinkedHashMap<>();
  private final Map<String, Map<ScoreMap.Kind, ScoreMap>> maps = new LinkedHashMap<>();
  private final Map<String, Map<ScoreMap.Kind, Double>> heldOut = new LinkedHashMap<>();

  private MixturePredictor(MixtureSpec spec) {
    this.spec = spec;
  }

  /**
   * @param t a results table of runs at several shares r (rows with {@code role = target} are left
   *     out)
   * @param spec what to fit
   * @return the fitted predictor, with held-out errors of its score maps
   */
  public static MixturePredictor fit(Table t, MixtureSpec spec) {
    MixturePredictor m = new MixturePredictor(spec);
    List<Integer> rows = samplingRows(t);
    List<Integer> finals = finals(t, rows);
    if (finals.stream().map(r -> CsvTables.number(t, spec.share(), r)).distinct().count() < 3) {
      throw new InputException(
          "FLP-M needs runs at 3 or more values of " + spec.share() + "; the table has fewer");
    }
    for (String loss : spec.losses()) {
      m.domains.put(
          loss, DomainFit.fit(loss, domainRuns(t, finals, loss, spec), DomainFit.CANDIDATES));
    }
    for (PredictSpec.TaskSpec task : spec.tasks()) {
      Map<ScoreMap.Kind, ScoreMap> byKind = new LinkedHashMap<>();
      Map<ScoreMap.Kind, Double> errors = new LinkedHashMap<>();
      for (ScoreMap.Kind k : spec.maps()) {
        byKind.put(k, k.create().fit(losses(t, rows, spec), scores(t, rows, task.score())));
        errors.put(k, leaveOneRunOut(t, rows, finals, task.score(), k, spec));
      }
      m.maps.put(task.score(), byKind);
      m.heldOut.put(task.score(), errors);
    }
    return m;
  }

  /** The rows of {@code rows} that are final checkpoints, in order. */
  static List<Integer> finals(Table t, List<Integer> rows) {
    return rows.stream().filter(r -> CsvTables.flag(t, Columns.IS_FINAL, r)).toList();
  }

  static List<Integer> samplingRows(Table t) {
    boolean roles = t.columnNames().contains(Columns.ROLE);
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      if (!roles || !t.column(Columns.ROLE).getString(r).equals(Role.TARGET.key())) {
        rows.add(r);
      }
    }
    return rows;
  }

  /** The final runs of one domain; its own share is r when its loss is the share's domain's. */
  static DomainRuns domainRuns(Table t, List<Integer> finals, String loss, MixtureSpec spec) {
    double[] c = new double[finals.size()];
    double[] r = new double[finals.size()];
    double[] y = new double[finals.size()];
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < finals.size(); i++) {
      int row = finals.get(i);
      c[i] = CsvTables.number(t, Columns.FLOPS, row);
      r[i] = CsvTables.number(t, spec.share(), row);
      y[i] = CsvTables.number(t, loss, row);
      ids.add(t.column(Columns.RUN_ID).getString(row));
    }
    boolean own = loss.equals(Columns.valLoss(Columns.mixDomain(spec.share())));
    return new DomainRuns(c, r, y, ids, own);
  }

  static double[][] losses(Table t, List<Integer> rows, MixtureSpec spec) {
    double[][] x = new double[rows.size()][spec.losses().size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < spec.losses().size(); j++) {
        x[i][j] = CsvTables.number(t, spec.losses().get(j), rows.get(i));
      }
    }
    return x;
  }

  static double[] scores(Table t, List<Integer> rows, String col) {
    return rows.stream().mapToDouble(r -> CsvTables.number(t, col, r)).toArray();
  }

  /**
   * Each run in turn is left out of the map's fit; the map then predicts that run's final score
   * from its actual final domain losses.
   *
   * @return the mean absolute error over runs
   */
  private static double leaveOneRunOut(
      Table t,
      List<Integer> rows,
      List<Integer> finals,
      String score,
      ScoreMap.Kind kind,
      MixtureSpec spec) {
    double sum = 0;
    int n = 0;
    for (int f : finals) {
      String run = t.column(Columns.RUN_ID).getString(f);
      List<Integer> rest =
          rows.stream().filter(r -> !t.column(Columns.RUN_ID).getString(r).equals(run)).toList();
      ScoreMap map = kind.create().fit(losses(t, rest, spec), scores(t, rest, score));
      sum += Math.abs(map.predict(losses(t, List.of(f), spec)[0]) - CsvTables.number(t, score, f));
      n++;
    }
    return sum / n;
  }

  /**
   * @param c compute C
   * @param r share
   * @return each domain loss predicted by its law
   */
  public double[] losses(double c, double r) {
    double[] l = new double[spec.losses().size()];
    int j = 0;
    for (DomainFit d : domains.values()) {
      l[j++] = d.predict(c, r);
    }
    return l;
  }

  /**
   * @param task a task score column
   * @param kind the map
   * @param losses domain losses
   * @return the predicted score
   */
  public double score(String task, ScoreMap.Kind kind, double[] losses) {
    return maps.get(task).get(kind).predict(losses);
  }

  /**
   * @param task a task score column
   * @param kind the map
   * @return the fitted map
   */
  public ScoreMap map(String task, ScoreMap.Kind kind) {
    return maps.get(task).get(kind);
  }

  /**
   * @param task a task score column
   * @return the map with the smaller held-out error
   */
  public ScoreMap.Kind bestMap(String task) {
    Map<ScoreMap.Kind, Double> e = heldOut.get(task);
    return e.entrySet().stream() // ties to the first compared: linear, the simpler
        .min(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElseThrow();
  }

  /**
   * @return task -> map kind -> leave-one-run-out mean absolute error of final scores
   */
  public Map<String, Map<ScoreMap.Kind, Double>> heldOutErrors() {
    return heldOut;
  }

  /**
   * @return domain loss column -> its chosen law's fit
   */
  public Map<String, FitResult> lossLaws() {
    Map<String, FitResult> m = new LinkedHashMap<>();
    domains.forEach((k, d) -> m.put(k, d.fit()));
    return m;
  }

  /**
   * @return domain loss column -> every candidate law's backtests and the chosen one
   */
  public Map<String, DomainFit> domainFits() {
    return domains;
  }

  /**
   * @return the largest compute among the sampling runs' final checkpoints
   */
  public double largestCompute() {
    return java.util.Arrays.stream(domains.values().iterator().next().runs().c())
        .max()
        .orElseThrow();
  }

  /**
   * @return what was fitted
   */
  public MixtureSpec spec() {
    return spec;
  }
}
