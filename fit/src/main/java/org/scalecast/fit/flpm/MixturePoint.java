package org.scalecast.fit.flpm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.results.Chance;
import org.scalecast.results.InputException;

/**
 * FLP-M's prediction at one share r for a compute budget.
 *
 * @param r the share
 * @param losses domain loss column -> predicted loss
 * @param scores task score column -> predicted score (each task by its better map)
 * @param objective the mean chance-normalised score over the tasks, (P - chance)/(1 - chance), so
 *     that every task weighs the same whatever its chance level
 */
public record MixturePoint(
    double r, Map<String, Double> losses, Map<String, Double> scores, double objective) {

  /**
   * @param p a fitted predictor
   * @param c the compute budget C
   * @param shares the shares r to try
   * @return one point per share
   */
  public static List<MixturePoint> sweep(MixturePredictor p, double c, double[] shares) {
    return java.util.Arrays.stream(shares).mapToObj(r -> at(p, c, r)).toList();
  }

  /**
   * @param p a fitted predictor
   * @param c the compute budget C
   * @param r a share
   * @return the prediction there
   */
  public static MixturePoint at(MixturePredictor p, double c, double r) {
    double[] l = p.losses(c, r);
    Map<String, Double> losses = new LinkedHashMap<>();
    for (int j = 0; j < l.length; j++) {
      losses.put(p.spec().losses().get(j), l[j]);
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    double objective =
        objective(l, p.spec().tasks(), (task, x) -> p.score(task, p.bestMap(task), x), scores::put);
    return new MixturePoint(r, losses, scores, objective);
  }

  /**
   * The objective from domain losses: each task's score, clamped to [0, 1] (a score is a rate and
   * the maps are unbounded), chance-normalised and averaged; NaN where a domain loss is not finite.
   *
   * @param losses predicted domain losses
   * @param tasks the tasks
   * @param map task score column, losses -> predicted score
   * @param sink receives each task's clamped score
   * @return the mean chance-normalised score
   */
  public static double objective(
      double[] losses,
      List<PredictSpec.TaskSpec> tasks,
      java.util.function.BiFunction<String, double[], Double> map,
      java.util.function.BiConsumer<String, Double> sink) {
    if (java.util.Arrays.stream(losses).anyMatch(v -> !Double.isFinite(v))) {
      tasks.forEach(task -> sink.accept(task.score(), Double.NaN));
      return Double.NaN; // a law undefined here (BiMix at a zero own share): no prediction
    }
    double sum = 0;
    for (PredictSpec.TaskSpec task : tasks) {
      double s = Math.max(0, Math.min(1, map.apply(task.score(), losses)));
      sink.accept(task.score(), s);
      sum += Chance.normalise(s, task.chanceLevel());
    }
    return sum / Math.max(1, tasks.size());
  }

  /**
   * @param points predictions at several shares
   * @return the one with the highest objective
   */
  public static MixturePoint best(List<MixturePoint> points) {
    return points.stream()
        .filter(m -> Double.isFinite(m.objective()))
        .max(java.util.Comparator.comparingDouble(MixturePoint::objective))
        .orElseThrow(() -> new InputException("no share has a finite predicted objective"));
  }
}
