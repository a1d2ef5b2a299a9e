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
    double sum = 0;
    for (PredictSpec.TaskSpec task : p.spec().tasks()) {
      // A score is a rate: the maps are unbounded, so clamp before it enters the objective.
      double s = Math.max(0, Math.min(1, p.score(task.score(), p.bestMap(task.score()), l)));
      scores.put(task.score(), s);
      sum += Chance.normalise(s, task.chanceLevel());
    }
    return new MixturePoint(r, losses, scores, sum / Math.max(1, scores.size()));
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
