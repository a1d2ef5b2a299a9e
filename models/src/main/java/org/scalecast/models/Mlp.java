package org.scalecast.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/** The block's feed-forward layer: (B, T, C) -> (B, T, 4C) -> GELU -> (B, T, C). */
public final class Mlp extends AbstractBlock {
  private static final byte VERSION = 1;
  private final Linear fc;
  private final Linear proj;

  /**
   * @param c the model shape
   */
  public Mlp(GptConfig c) {
    super(VERSION);
    fc = addChildBlock("fc", Linear.builder().setUnits(4L * c.dModel()).build());
    proj = addChildBlock("proj", Linear.builder().setUnits(c.dModel()).build());
    fc.setInitializer(new NormalInitializer(Gpt.INIT_STD), Parameter.Type.WEIGHT);
    proj.setInitializer(new NormalInitializer(Gpt.residualStd(c)), Parameter.Type.WEIGHT);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList h = Activation.gelu(fc.forward(ps, inputs, training));
    return proj.forward(ps, h, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    fc.initialize(manager, dataType, inputShapes);
    Shape in = inputShapes[0];
    proj.initialize(
        manager, dataType, in.slice(0, in.dimension() - 1).add(4 * in.get(in.dimension() - 1)));
  }
}
