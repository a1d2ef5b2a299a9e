package org.scalecast.harness.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scalecast.models.Flops;
import org.scalecast.models.GptConfig;
import org.scalecast.models.ParameterCount;
import org.scalecast.results.Role;

/**
 * One fully resolved run: everything that determines its results, so its hash is its identity.
 *
 * @param sweep the sweep's name
 * @param runId readable slug plus a short hash of everything below
 * @param role sampling or target
 * @param seed model initialisation and data order
 * @param size the shape's name
 * @param model the model shape
 * @param tokenBudget training tokens D (a whole number of steps)
 * @param steps optimizer steps
 * @param mixture domain weights
 * @param data tokenizer and domains
 * @param train optimisation settings
 * @param eval evaluation settings
 */
public record RunSpec(
    String sweep,
    String runId,
    Role role,
    long seed,
    String size,
    GptConfig model,
    long tokenBudget,
    long steps,
    Map<String, Double> mixture,
    SweepConfig.Data data,
    TrainSettings train,
    EvalSettings eval) {

  /**
   * @return tokens per step
   */
  public long tokensPerStep() {
    return (long) train.batchSize() * model.contextLength();
  }

  /**
   * The design columns every row of this run carries in the results table.
   *
   * @return column name to value
   */
  public Map<String, Object> design() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("sweep", sweep);
    d.put("role", role.key());
    d.put("seed", seed);
    d.put("model", size);
    d.put("d_model", model.dModel());
    d.put("n_layer", model.nLayer());
    d.put("n_head", model.nHead());
    d.put("context_length", model.contextLength());
    d.put("vocab_size", model.vocabSize());
    d.put("n_params", ParameterCount.nonEmbedding(model));
    d.put("n_params_total", ParameterCount.total(model));
    d.put("flops_per_token", Flops.perToken(model, Flops.Convention.SIX_N));
    d.put("token_budget", tokenBudget);
    d.put("tokens_per_param", (double) tokenBudget / ParameterCount.total(model));
    mixture.forEach((k, v) -> d.put("mix_" + k, v));
    d.put("lr_peak", train.lr());
    d.put("schedule", train.schedule().name().toLowerCase());
    d.put("batch_size", train.batchSize());
    d.put(
        "tokenizer",
        data.tokenizer().kind().equals("bytes") ? "bytes" : "bpe-" + data.tokenizer().vocabSize());
    return d;
  }
}
