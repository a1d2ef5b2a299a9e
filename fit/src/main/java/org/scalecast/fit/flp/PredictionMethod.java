package org.scalecast.fit.flp;

/**
 * One way to predict a quantity of the target from the sampling runs. A new method is a class
 * implementing this and one line in {@link PredictionMethods}.
 *
 * <p>A method only fits and predicts. The caller turns its result into a {@link PredictionRow},
 * refuses it when it throws {@link org.scalecast.results.InputException} (the message is the row's
 * reason) or leaves a score's bounds, and checks it by leave-one-run-out.
 */
public interface PredictionMethod {
  /**
   * @return the name in prediction rows, e.g. {@code flp-loss}
   */
  String name();

  /**
   * @return the quantities it predicts
   */
  Quantity.Family family();

  /**
   * @param runs the sampling runs
   * @return whether the table has what the method reads (a method that does not apply gives no row;
   *     one that applies but cannot fit gives a refusal row)
   */
  default boolean appliesTo(SamplingRuns runs) {
    return true;
  }

  /**
   * @param q the quantity
   * @param runs the sampling runs
   * @return whether the method applies to this quantity: a chain whose loss column the table lacks
   *     does not (a published table of released models often has scores and no loss: its rows would
   *     all be refusals naming the same missing column)
   */
  default boolean appliesTo(Quantity q, SamplingRuns runs) {
    return appliesTo(runs);
  }

  /**
   * @param q the quantity, of {@link #family()}
   * @param runs the sampling runs and the target
   * @return the prediction and its fits
   * @throws org.scalecast.results.InputException when the method cannot predict from these runs
   */
  MethodFit predict(Quantity q, SamplingRuns runs);
}
