package org.scalecast.fit.flpm;

/**
 * A map from the vector of domain losses (one per domain) to a task score, fitted on checkpoints.
 */
public interface ScoreMap {
  /**
   * @param losses one row per checkpoint, one column per domain loss
   * @param scores the task score of each checkpoint
   * @return the fitted map (this object, or a new one)
   */
  ScoreMap fit(double[][] losses, double[] scores);

  /**
   * A new map of the same kind fitted on other data, as this one was fitted (a bootstrap
   * replicate's refit); on this map's own data it must reproduce this map, so that the bootstrap is
   * centred on the full fit.
   *
   * @param losses one row per checkpoint
   * @param scores the task score of each checkpoint
   * @return the new map; this one is unchanged
   */
  ScoreMap refit(double[][] losses, double[] scores);

  /**
   * @param losses one value per domain
   * @return the predicted score
   */
  double predict(double[] losses);

  /**
   * @return the map's name in outputs: {@code linear} or {@code mlp}
   */
  String name();

  /** The maps FLP-M compares: the paper's network and a linear baseline. */
  enum Kind {
    LINEAR,
    MLP;

    /**
     * @return a new, unfitted map of this kind
     */
    public ScoreMap create() {
      return this == LINEAR ? new LinearScoreMap() : new MlpScoreMap(8, 5, 0);
    }
  }
}
