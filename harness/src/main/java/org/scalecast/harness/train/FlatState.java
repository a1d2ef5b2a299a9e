package org.scalecast.harness.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import java.util.List;
import java.util.function.Consumer;

/**
 * AdamW's parameters, gradients and moments in one flat layout ({@link FlatLayout}), so that the
 * update is a few kernel calls over all parameters instead of a dozen per parameter: aliased on the
 * CPU ({@link FlatBuffers}), gathered elsewhere ({@link GatheredBuffers}).
 */
sealed interface FlatState permits FlatBuffers, GatheredBuffers {
  /**
   * @param a an array made inside a step's scope
   * @return it, out of that scope: kept for the run (its owner closes it)
   */
  static <T extends NDArray> T keep(T a) {
    NDScope.unregister(a);
    return a;
  }

  /**
   * Views of one stretch of the flat layout, within one decay group.
   *
   * @param decayed whether its parameters decay
   * @param weight the weights
   * @param grad their gradients
   * @param mean first moments
   * @param variance second moments
   */
  record Chunk(
      boolean decayed, PtNDArray weight, PtNDArray grad, PtNDArray mean, PtNDArray variance) {}

  /**
   * @return whether the state still describes the parameters' and moments' current arrays
   */
  boolean current();

  /**
   * @param step the step's manager, for anything made for this step
   * @return the L2 norm of every gradient together, () (summed in the layout's order)
   */
  NDArray norm(NDManager step);

  /**
   * @param step the step's manager
   * @return each parameter's gradient, in model order
   */
  List<NDArray> gradients(NDManager step);

  /**
   * Runs the kernel on every chunk, covering every value once; afterwards the parameters hold the
   * update and the gradients are zero.
   *
   * @param step the step's manager
   * @param kernel the update of one chunk, in place
   */
  void update(NDManager step, Consumer<Chunk> kernel);

  /** Zeroes every gradient (not g - g, which would keep an infinity as NaN). */
  void zeroGradients();

  /** Frees what only this state holds, once another replaces it. */
  void release();
}
