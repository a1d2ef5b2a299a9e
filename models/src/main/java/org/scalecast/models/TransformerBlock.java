package org.scalecast.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A pre-LayerNorm transformer block, as nanoGPT's {@code Block}: x + attn(ln_1(x)), then x +
 * mlp(ln_2(x)); a second input, the attention bias, goes to the attention ({@link Gpt}). LayerNorm
 * normalises axis 2 only (DJL's default would normalise (T, C) together, DJL_NOTES.md 1.6).
 * Children are added in a fixed order, which fixes parameter names.
 */
public final class TransformerBlock extends AbstractBlock {
  private static final byte VERSION = 1;
  private final LayerNorm ln1;
  private final CausalSelfAttention attn;
  private final LayerNorm ln2;
  private final Mlp mlp;

  /**
   * @param c the model shape
   */
  public TransformerBlock(GptConfig c) {
    super(VERSION);
    ln1 = addChildBlock("ln_1", LayerNorm.builder().axis(2).build());
    attn = addChildBlock("attn", new CausalSelfAttention(c));
    ln2 = addChildBlock("ln_2", LayerNorm.builder().axis(2).build());
    mlp = addChildBlock("mlp", new Mlp(c));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0); // (B, T, C)
    NDList normed = ln1.forward(ps, new NDList(x), training);
    if (inputs.size() > 1) {
      normed = new NDList(normed.head(), inputs.get(1)); // with the attention bias
    }
    NDArray a = attn.forward(ps, normed, training).singletonOrThrow();
    x = x.add(a);
    NDArray m =
        mlp.forward(ps, ln2.forward(ps, new NDList(x), training), training).singletonOrThrow();
    return new NDList(x.add(m));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    ln1.initialize(manager, dataType, inputShapes);
    attn.initialize(manager, dataType, inputShapes);
    ln2.initialize(manager, dataType, inputShapes);
    mlp.initialize(manager, dataType, inputShapes);
  }
}
