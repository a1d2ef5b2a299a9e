package org.scalecast.fit.flp;

import java.util.function.Supplier;
import org.scalecast.fit.ScalingLaw;
import org.scalecast.fit.laws.GadreErrorLaw;
import org.scalecast.fit.laws.LinearLaw;
import org.scalecast.fit.laws.SigmoidLaw;

/** Stage 2 of a task chain: a law of one input from the stage-1 loss to the task's score. */
enum TaskMap {
  /** FLP's P = w0 + w1 L. */
  LINEAR("linear", LinearLaw::new, false),
  /** The model ladder's P = a/(1 + exp(-k (L - L0))) + b (Bhagia et al. 2024). */
  SIGMOID("sigmoid", SigmoidLaw::new, false),
  /** Gadre et al.'s form, fitted on the error: 1 - P = epsilon - k exp(-gamma L). */
  EXPONENTIAL("exponential", GadreErrorLaw::new, true);

  private final String label;
  private final Supplier<ScalingLaw> law;
  private final boolean onError;

  TaskMap(String label, Supplier<ScalingLaw> law, boolean onError) {
    this.label = label;
    this.law = law;
    this.onError = onError;
  }

  /**
   * @return the name in method names, e.g. {@code sigmoid}
   */
  String label() {
    return label;
  }

  /**
   * @return a new law
   */
  ScalingLaw law() {
    return law.get();
  }

  /**
   * @return whether it is fitted on the error 1 - P instead of the score P
   */
  boolean onError() {
    return onError;
  }
}
