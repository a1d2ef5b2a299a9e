package org.scalecast.fit.flpm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.ScalingLaw;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.results.Columns;
import tech.tablesaw.api.Table;

/**
 * A bootstrap over runs through FLP-M's whole chain (METHODS.md section 7: "bootstrap over runs"):
 * each replicate draws the sampling runs with replacement (a run's checkpoints travel together,
 * since they are correlated), refits each domain's chosen law warm-started from its full fit,
 * refits each task's chosen score map (the network from scratch, with the full fit's seeds), and
 * predicts the objective at every share. Replicates are drawn from one seeded stream, then refitted
 * in parallel, so the result does not depend on thread timing.
 */
public final class MixtureBootstrap {
  private MixtureBootstrap() {}

  /**
   * One replicate's refit: each domain's law parameters and each task's score map, which predict
   * the domain losses and the objective at any compute and share.
   *
   * @param params domain loss column -> the chosen law's refitted parameters
   * @param maps task score column -> the chosen map refitted on the resample
   */
  public record Replicate(Map<String, double[]> params, Map<String, ScoreMap> maps) {
    /**
     * @param p the predictor the replicate was drawn from
     * @param c compute C
     * @param r share
     * @return each domain loss, in {@code p.spec().losses()} order
     */
    public double[] losses(MixturePredictor p, double c, double r) {
      double[] l = new double[params.size()];
      int j = 0;
      for (Map.Entry<String, DomainFit> e : p.domainFits().entrySet()) {
        l[j++] = e.getValue().predict(params.get(e.getKey()), c, r);
      }
      return l;
    }

    /**
     * @param p the predictor the replicate was drawn from
     * @param c compute C
     * @param r share
     * @return the mean chance-normalised score this replicate predicts there
     */
    public double objective(MixturePredictor p, double c, double r) {
      return MixturePoint.objective(
          losses(p, c, r), p.spec().tasks(), (task, v) -> maps.get(task).predict(v), (k, v) -> {});
    }
  }

  /**
   * @param t the table the predictor was fitted on
   * @param p the fitted predictor
   * @param c the compute budget
   * @param shares the shares r to predict
   * @param replicates how many resamples
   * @param seed the seed
   * @return per replicate, the objective at each share; null for a replicate whose refit failed
   */
  public static double[][] objectives(
      Table t, MixturePredictor p, double c, double[] shares, int replicates, long seed) {
    return objectives(refits(t, p, replicates, seed), p, c, shares);
  }

  /**
   * @param refits replicates from {@link #refits}
   * @param p the predictor they were drawn from
   * @param c the compute budget
   * @param shares the shares r to predict
   * @return per replicate, the objective at each share; null for a failed replicate
   */
  public static double[][] objectives(
      List<Replicate> refits, MixturePredictor p, double c, double[] shares) {
    return refits.stream()
        .map(
            rep -> {
              if (rep == null) {
                return null;
              }
              double[] out = new double[shares.length];
              for (int i = 0; i < shares.length; i++) {
                out[i] = rep.objective(p, c, shares[i]);
              }
              return out;
            })
        .toArray(double[][]::new);
  }

  /**
   * @param t the table the predictor was fitted on
   * @param p the fitted predictor
   * @param replicates how many resamples
   * @param seed the seed
   * @return one refit per replicate; null for a replicate whose refit failed
   */
  public static List<Replicate> refits(Table t, MixturePredictor p, int replicates, long seed) {
    List<Integer> rows = MixturePredictor.samplingRows(t);
    Map<String, List<Integer>> byRun = new LinkedHashMap<>();
    for (int r : rows) {
      byRun.computeIfAbsent(t.column(Columns.RUN_ID).getString(r), k -> new ArrayList<>()).add(r);
    }
    List<List<Integer>> runs = List.copyOf(byRun.values());
    SplittableRandom rng = new SplittableRandom(seed);
    List<List<Integer>> draws = new ArrayList<>();
    for (int b = 0; b < replicates; b++) {
      List<Integer> drawn = new ArrayList<>();
      for (int k = 0; k < runs.size(); k++) {
        drawn.addAll(runs.get(rng.nextInt(runs.size())));
      }
      draws.add(drawn);
    }
    return java.util.Arrays.asList(
        IntStream.range(0, replicates)
            .parallel()
            .mapToObj(b -> replicate(t, p, draws.get(b)))
            .toArray(Replicate[]::new));
  }

  private static Replicate replicate(Table t, MixturePredictor p, List<Integer> rows) {
    try {
      MixtureSpec spec = p.spec();
      List<Integer> finals = MixturePredictor.finals(t, rows);
      Map<String, double[]> params = new LinkedHashMap<>();
      for (Map.Entry<String, DomainFit> e : p.domainFits().entrySet()) {
        FitResult full = e.getValue().fit();
        ScalingLaw law = full.law();
        DomainRuns d = MixturePredictor.domainRuns(t, finals, e.getKey(), spec);
        params.put(
            e.getKey(),
            DomainFit.fitter(law)
                .fitFrom(law, d.observations(law, d.all()), List.of(full.params()))
                .params());
      }
      double[][] x = MixturePredictor.losses(t, rows, spec);
      Map<String, ScoreMap> maps = new LinkedHashMap<>();
      for (PredictSpec.TaskSpec task : spec.tasks()) {
        ScoreMap full = p.map(task.score(), p.bestMap(task.score()));
        maps.put(task.score(), full.refit(x, MixturePredictor.scores(t, rows, task.score())));
      }
      return new Replicate(params, maps);
    } catch (RuntimeException e) {
      return null; // a draw with too few shares or runs to refit a law: counted as failed
    }
  }
}
