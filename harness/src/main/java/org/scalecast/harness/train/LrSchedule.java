package org.scalecast.harness.train;

/**
 * The learning rate at a step: a pure function, so a resumed run gets exactly the same rates.
 *
 * @param schedule the shape
 * @param peak the peak learning rate
 * @param minRatio the final rate as a fraction of the peak
 * @param warmupSteps linear warmup length
 * @param decaySteps WSD's decay length (ignored otherwise)
 * @param totalSteps steps in the run
 */
public record LrSchedule(
    Schedule schedule,
    double peak,
    double minRatio,
    long warmupSteps,
    long decaySteps,
    long totalSteps) {

  /**
   * @param step 1-based step
   * @return the learning rate for that step
   */
  public double at(long step) {
    if (step <= warmupSteps) {
      return peak * step / Math.max(1, warmupSteps);
    }
    double min = peak * minRatio;
    return switch (schedule) {
      case CONSTANT -> peak;
      case COSINE -> {
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        yield min + 0.5 * (peak - min) * (1 + Math.cos(Math.PI * Math.min(1, progress)));
      }
      case WSD -> {
        long decayStart = totalSteps - decaySteps;
        if (step <= decayStart) {
          yield peak;
        }
        yield peak - (peak - min) * (double) (step - decayStart) / Math.max(1, decaySteps);
      }
    };
  }
}
