package org.scalecast.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Multi-head causal self-attention with a fused q/k/v projection (nanoGPT's {@code
 * CausalSelfAttention}), written out because DJL's attention block is BERT-oriented (DJL_NOTES.md
 * 1.6).
 *
 * <p>Dimensions: B batch, T sequence, C = d_model, H heads, S = C / H head width.
 */
public final class CausalSelfAttention extends AbstractBlock {
  private static final byte VERSION = 1;
  private final int nHead;
  private final Linear qkv;
  private final Linear proj;

  /**
   * @param c the model shape
   */
  public CausalSelfAttention(GptConfig c) {
    super(VERSION);
    this.nHead = c.nHead();
    qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * c.dModel()).build());
    proj = addChildBlock("proj", Linear.builder().setUnits(c.dModel()).build());
    qkv.setInitializer(new NormalInitializer(Gpt.INIT_STD), Parameter.Type.WEIGHT);
    proj.setInitializer(new NormalInitializer(Gpt.residualStd(c)), Parameter.Type.WEIGHT);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0); // (B, T, C)
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    long c = x.getShape().get(2);
    long s = c / nHead;
    NDList qkvSplit =
        qkv.forward(ps, new NDList(x), training).singletonOrThrow().split(3, 2); // 3 x (B, T, C)
    NDArray q = heads(qkvSplit.get(0), b, t, s);
    NDArray k = heads(qkvSplit.get(1), b, t, s);
    NDArray v = heads(qkvSplit.get(2), b, t, s);
    // Not muli(Number): DJL wraps the number in a tensor over a Java direct buffer and closes it at
    // once, while autograd keeps that tensor for the backward pass. A GC in between frees the
    // buffer, and backward multiplies by whatever lies there (NaN, 0, huge): the divergence CI saw.
    // full() puts the scalar in memory torch owns.
    NDArray scale = x.getManager().full(new Shape(), (float) (1.0 / Math.sqrt(s)));
    NDArray att = q.matMul(k.transpose(0, 1, 3, 2)).muli(scale); // (B, H, T, T)
    // The caller's bias when given ({@link Gpt}: the causal offset (T, T) it builds once per
    // forward, or a (B, 1, T, T) bias for shared-context scoring), else the causal mask (T, T).
    NDArray bias = inputs.size() > 1 ? inputs.get(1) : causalOffset(x.getManager(), t);
    att = att.addi(bias).softmax(-1);
    NDArray y = att.matMul(v); // (B, H, T, S)
    y = y.transpose(0, 2, 1, 3).reshape(b, t, c); // (B, H, T, S) -> (B, T, H, S) -> (B, T, C)
    return proj.forward(ps, new NDList(y), training);
  }

  /** (B, T, C) -> (B, T, H, S) -> (B, H, T, S). */
  private NDArray heads(NDArray x, long b, long t, long s) {
    return x.reshape(b, t, nHead, s).transpose(0, 2, 1, 3);
  }

  /**
   * An additive (T, T) mask: 0 where key <= query, -1e9 above the diagonal. NDArray has no tril; it
   * is built from a comparison (DJL_NOTES.md section 2). It costs four small ops a forward, far
   * below the attention itself, and living on the step's manager it cannot leak.
   */
  static NDArray causalOffset(NDManager m, long t) {
    NDArray i = m.arange((int) t);
    NDArray future = i.reshape(1, t).gt(i.reshape(t, 1)); // (1, T) > (T, 1) -> (T, T)
    return future.toType(DataType.FLOAT32, false).muli(-1e9f);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    qkv.initialize(manager, dataType, inputShapes);
    proj.initialize(manager, dataType, inputShapes);
  }
}
