package org.scalecast.fit.flpm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.LawFitter;
import org.scalecast.fit.Objective;
import org.scalecast.fit.Observations;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.fit.laws.FlpMixtureLaw;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.Role;
import tech.tablesaw.api.Table;

/**
 * FLP-M fitted on a mixture sweep: a {@link FlpMixtureLaw} per domain loss on the runs' final
 * checkpoints, and a score map per task on every checkpoint (both kinds, compared by leaving each
 * run out), then predictions at any (C, r).
 */
public final class MixturePredictor {
  private final MixtureSpec spec;
  private final Map<String, FitResult> lossLaws = new LinkedHashMap<>();
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
    List<Integer> finals =
        rows.stream().filter(r -> CsvTables.number(t, Columns.IS_FINAL, r) == 1).toList();
    if (finals.stream().map(r -> CsvTables.number(t, spec.share(), r)).distinct().count() < 3) {
      throw new InputException(
          "FLP-M needs runs at 3 or more values of " + spec.share() + "; the table has fewer");
    }
    for (String loss : spec.losses()) {
      m.lossLaws.put(loss, lossLaw(t, finals, loss, spec.share()));
    }
    for (PredictSpec.TaskSpec task : spec.tasks()) {
      Map<ScoreMap.Kind, ScoreMap> byKind = new LinkedHashMap<>();
      Map<ScoreMap.Kind, Double> errors = new LinkedHashMap<>();
      for (ScoreMap.Kind k : ScoreMap.Kind.values()) {
        byKind.put(k, k.create().fit(losses(t, rows, spec), scores(t, rows, task.score())));
        errors.put(k, leaveOneRunOut(t, rows, finals, task.score(), k, spec));
      }
      m.maps.put(task.score(), byKind);
      m.heldOut.put(task.score(), errors);
    }
    return m;
  }

  private static List<Integer> samplingRows(Table t) {
    boolean roles = t.columnNames().contains(Columns.ROLE);
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      if (!roles || !t.column(Columns.ROLE).getString(r).equals(Role.TARGET.key())) {
        rows.add(r);
      }
    }
    return rows;
  }

  private static FitResult lossLaw(Table t, List<Integer> finals, String loss, String share) {
    double[][] x = new double[finals.size()][];
    double[] y = new double[finals.size()];
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < finals.size(); i++) {
      int r = finals.get(i);
      x[i] = new double[] {CsvTables.number(t, Columns.FLOPS, r), CsvTables.number(t, share, r)};
      y[i] = CsvTables.number(t, loss, r);
      ids.add(t.column(Columns.RUN_ID).getString(r));
    }
    return LawFitter.create()
        .withObjective(Objective.parse("ls-log"))
        .fit(new FlpMixtureLaw(), new Observations(List.of("C", "r"), "L", x, y, ids));
  }

  private static double[][] losses(Table t, List<Integer> rows, MixtureSpec spec) {
    double[][] x = new double[rows.size()][spec.losses().size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < spec.losses().size(); j++) {
        x[i][j] = CsvTables.number(t, spec.losses().get(j), rows.get(i));
      }
    }
    return x;
  }

  private static double[] scores(Table t, List<Integer> rows, String col) {
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
    for (FitResult f : lossLaws.values()) {
      l[j++] = f.predict(new double[] {c, r}, 0.95).value();
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
   * @return the map with the smaller held-out error
   */
  public ScoreMap.Kind bestMap(String task) {
    Map<ScoreMap.Kind, Double> e = heldOut.get(task);
    return e.get(ScoreMap.Kind.MLP) < e.get(ScoreMap.Kind.LINEAR)
        ? ScoreMap.Kind.MLP
        : ScoreMap.Kind.LINEAR;
  }

  /**
   * @return task -> map kind -> leave-one-run-out mean absolute error of final scores
   */
  public Map<String, Map<ScoreMap.Kind, Double>> heldOutErrors() {
    return heldOut;
  }

  /**
   * @return domain loss column -> its fitted law
   */
  public Map<String, FitResult> lossLaws() {
    return lossLaws;
  }

  /**
   * @return what was fitted
   */
  public MixtureSpec spec() {
    return spec;
  }
}
