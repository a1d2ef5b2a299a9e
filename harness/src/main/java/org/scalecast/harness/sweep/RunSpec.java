package org.scalecast.harness.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scalecast.harness.train.TrainPlan;
import org.scalecast.harness.train.TrainSettings;
import org.scalecast.models.Flops;
import org.scalecast.models.GptConfig;
import org.scalecast.models.ParameterCount;
import org.scalecast.results.Columns;
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
   * @return what the training loop needs of this run
   */
  public TrainPlan plan() {
    return new TrainPlan(
        runId,
        seed,
        model,
        tokenBudget,
        steps,
        mixture,
        train,
        eval.windows(),
        eval.batchSize(),
        eval.schedule(steps));
  }

  /**
   * The design columns every row of this run carries in the results table.
   *
   * @return column name to value
   */
  public Map<String, Object> design() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(Columns.SWEEP, sweep);
    d.put(Columns.ROLE, role.key());
    d.put(Columns.SEED, seed);
    d.put(Columns.MODEL, size);
    d.put(Columns.D_MODEL, model.dModel());
    d.put(Columns.N_LAYER, model.nLayer());
    d.put(Columns.N_HEAD, model.nHead());
    d.put(Columns.CONTEXT_LENGTH, model.contextLength());
    d.put(Columns.VOCAB_SIZE, model.vocabSize());
    d.put(Columns.N_PARAMS, ParameterCount.nonEmbedding(model));
    d.put(Columns.N_PARAMS_TOTAL, ParameterCount.total(model));
    d.put(Columns.FLOPS_PER_TOKEN, Flops.perToken(model, Flops.Convention.SIX_N));
    d.put(Columns.TOKEN_BUDGET, tokenBudget);
    d.put(Columns.TOKENS_PER_PARAM, (double) tokenBudget / ParameterCount.total(model));
    mixture.forEach((k, v) -> d.put(Columns.mixShare(k), v));
    d.put(Columns.LR_PEAK, train.lr());
    d.put(Columns.SCHEDULE, train.schedule().name().toLowerCase());
    d.put(Columns.BATCH_SIZE, train.batchSize());
    d.put(
        Columns.TOKENIZER,
        data.tokenizer().kind().equals("bytes") ? "bytes" : "bpe-" + data.tokenizer().vocabSize());
    return d;
  }
}
