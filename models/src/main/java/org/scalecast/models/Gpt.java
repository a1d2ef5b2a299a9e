package org.scalecast.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A GPT-style decoder as one DJL block: token and learned position embeddings, {@code n_layer}
 * pre-LayerNorm {@link TransformerBlock}s, a final LayerNorm and an output head, tied to the token
 * embedding or not. Input: token ids (B, T), int64. Output: logits (B, T, V).
 *
 * <p>Optionally, as scoring with a shared prefix needs ({@code Scorer} in the harness), two more
 * inputs: each token's position (B, T), int64, below {@code context_length}, and an additive
 * attention bias (B, 1, T, T), 0 where a query may attend a key and -1e9 elsewhere, in place of the
 * causal mask. T may then exceed {@code context_length}: several continuations of one context share
 * it in one row, each at the positions it would have alone, and each seeing the context and itself
 * only, so every token's logits are those of the separate sequence (up to rounding).
 *
 * <p>Initialisation follows GPT-2 as nanoGPT does: weights N(0, 0.02), the two residual projections
 * of each block N(0, 0.02/sqrt(2 L)), biases 0, LayerNorm gain 1 and shift 0.
 *
 * <p>Dimensions: B batch, T sequence, C = d_model, V vocabulary, L layers.
 */
public final class Gpt extends AbstractBlock {
  /** GPT-2's weight standard deviation. */
  static final float INIT_STD = 0.02f;

  private static final byte VERSION = 1;
  private final GptConfig config;
  private final Parameter tokenEmbedding;
  private final Parameter positionEmbedding;
  private final List<TransformerBlock> blocks = new ArrayList<>();
  private final LayerNorm lnF;
  private final Linear head;

  /**
   * @param config the model shape
   */
  public Gpt(GptConfig config) {
    super(VERSION);
    this.config = config;
    tokenEmbedding = addParameter(embedding("wte", config.vocabSize(), config.dModel()));
    positionEmbedding = addParameter(embedding("wpe", config.contextLength(), config.dModel()));
    for (int i = 0; i < config.nLayer(); i++) {
      blocks.add(addChildBlock("h" + i, new TransformerBlock(config)));
    }
    lnF = addChildBlock("ln_f", LayerNorm.builder().axis(2).build());
    if (config.head() == GptConfig.HeadTying.UNTIED) {
      head =
          addChildBlock(
              "lm_head", Linear.builder().setUnits(config.vocabSize()).optBias(false).build());
      head.setInitializer(new NormalInitializer(INIT_STD), Parameter.Type.WEIGHT);
    } else {
      head = null;
    }
  }

  private static Parameter embedding(String name, int rows, int width) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(rows, width))
        .optInitializer(new NormalInitializer(INIT_STD))
        .build();
  }

  /** Residual projections are scaled down with depth (GPT-2; nanoGPT {@code c_proj} init). */
  static float residualStd(GptConfig c) {
    return (float) (INIT_STD / Math.sqrt(2.0 * c.nLayer()));
  }

  /**
   * @return the model shape
   */
  public GptConfig config() {
    return config;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    if (inputs.size() != 1 && inputs.size() != 3) {
      throw new IllegalArgumentException(
          "Gpt takes ids, or ids, positions and an attention bias; got " + inputs.size());
    }
    NDArray ids = inputs.get(0); // (B, T)
    boolean placed = inputs.size() == 3;
    long t = ids.getShape().get(1);
    if (!placed && t > config.contextLength()) {
      throw new IllegalArgumentException(
          "sequence of " + t + " tokens exceeds context_length " + config.contextLength());
    }
    NDArray wte = ps.getValue(tokenEmbedding, ids.getDevice(), training);
    NDArray wpe = ps.getValue(positionEmbedding, ids.getDevice(), training);
    NDArray tok = embed(ids, wte); // (B, T, C)
    NDArray pos =
        placed
            ? embed(inputs.get(1), wpe) // (B, T, C)
            : wpe.get("0:" + t); // (T, C), broadcast over B
    NDArray h = tok.add(pos); // (B, T, C)
    // One causal offset (T, T) for every layer, not one per layer: six small calls a layer fewer.
    NDArray bias = placed ? inputs.get(2) : CausalSelfAttention.causalOffset(ids.getManager(), t);
    for (TransformerBlock b : blocks) {
      h = b.forward(ps, new NDList(h, bias), training).head();
    }
    NDList x = lnF.forward(ps, new NDList(h), training);
    if (head != null) {
      return head.forward(ps, x, training);
    }
    return new NDList(
        x.singletonOrThrow().matMul(wte.transpose())); // (B, T, C) x (C, V) -> (B, T, V)
  }

  /** Rows of a table by index: (B, T) ids into (rows, C) gives (B, T, C). */
  private static NDArray embed(NDArray ids, NDArray table) {
    return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), in.get(1), config.vocabSize())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    Shape hidden = new Shape(in.get(0), in.get(1), config.dModel());
    for (TransformerBlock b : blocks) {
      b.initialize(manager, dataType, hidden);
    }
    lnF.initialize(manager, dataType, hidden);
    if (head != null) {
      head.initialize(manager, dataType, hidden);
    }
  }
}
