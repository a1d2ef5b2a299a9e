package org.scalecast.harness.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import java.util.List;

/**
 * AdamW's parameters, gradients and moments in one flat layout ({@link FlatLayout}), so that the
 * update is a few kernel calls over all parameters instead of a dozen per parameter: aliased on the
 * CPU ({@link FlatBuffers}), gathered elsewhere ({@link GatheredBuffers}).
 */
sealed interface FlatState permits FlatBuffers, GatheredBuffers {
  /**
   * Views of one stretch of the flat buffers, within one decay group.
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
   * @return every gradient, flat (P)
   */
  PtNDArray gradient(NDManager step);

  /**
   * @param step the step's manager
   * @return each parameter's gradient, in model order
   */
  List<NDArray> gradients(NDManager step);

  /**
   * @param step the step's manager
   * @return the chunks the kernel updates, covering every value once
   */
  List<Chunk> chunks(NDManager step);

  /** After the kernel ran on every chunk: the weights hold the update, the gradients are zero. */
  void finish();

  /** Zeroes every gradient (not g - g, which would keep an infinity as NaN). */
  void zeroGradients();
}
