package org.scalecast.harness.sweep;

import java.util.List;
import java.util.Map;
import org.scalecast.harness.data.DomainSpec;
import org.scalecast.harness.data.TokenizerSpec;
import org.scalecast.harness.train.TrainSettings;
import org.scalecast.results.InputException;

/**
 * A sweep file: the grid and the settings shared by its runs. Keys are snake_case in YAML; unknown
 * keys are an error. Absent settings take the defaults of each record.
 *
 * @param name sweep name
 * @param seeds seeds (model init and data order)
 * @param data tokenizer and domains
 * @param models model shapes
 * @param contextLength tokens per training sequence
 * @param head {@code tied} or {@code untied}
 * @param budgets token budgets
 * @param mixtures domain weights, each summing to 1
 * @param train optimisation settings
 * @param eval checkpoint evaluation settings
 * @param target the held-out target run, or null for a sweep of sampling runs only
 */
public record SweepConfig(
    String name,
    List<Long> seeds,
    Data data,
    List<ModelShape> models,
    Integer contextLength,
    String head,
    List<Budget> budgets,
    List<Map<String, Double>> mixtures,
    TrainSettings train,
    EvalSettings eval,
    Target target) {

  /** A target must have at least this many times the compute of the largest sampling run. */
  public static final double MIN_TARGET_FACTOR = 5;

  /**
   * The held-out target: one model, trained on every mixture and seed of the grid, with exactly one
   * of a token budget and a compute factor over the largest sampling run.
   *
   * @param model its shape
   * @param budget its tokens or tokens-per-parameter multiplier
   * @param computeFactor C_target / max C_sampling, at least {@link #MIN_TARGET_FACTOR}
   */
  public record Target(ModelShape model, Budget budget, Double computeFactor) {
    /** Checks the shape of the section; the factor itself is checked on expansion. */
    public Target {
      require(model != null, "target.model is required");
      require(
          (budget == null) != (computeFactor == null),
          "target: give exactly one of budget, compute_factor");
      require(
          computeFactor == null || computeFactor >= MIN_TARGET_FACTOR,
          "target.compute_factor must be >= " + MIN_TARGET_FACTOR + ", got " + computeFactor);
      if (budget != null) {
        checkBudget(budget, "target.budget");
      }
    }
  }

  /**
   * @param tokenizer the tokenizer
   * @param domains domain name to source
   */
  public record Data(TokenizerSpec tokenizer, Map<String, DomainSpec> domains) {}

  /**
   * A named size ({@code size}) or an explicit shape, with optional training settings of its own
   * ({@link RunSettings}; null: the {@code train:} section's).
   *
   * @param size a name from {@link ModelSizes}, or null
   * @param dModel residual width
   * @param nLayer blocks
   * @param nHead heads
   * @param lr peak learning rate for this size
   * @param batchSize sequences per step for this size
   * @param warmupFraction warmup fraction for this size
   * @param warmupSteps warmup steps for this size
   * @param gradAccum micro-batches per step for this size
   */
  public record ModelShape(
      String size,
      Integer dModel,
      Integer nLayer,
      Integer nHead,
      Double lr,
      Integer batchSize,
      Double warmupFraction,
      Integer warmupSteps,
      Integer gradAccum) {
    /**
     * @param size a name from {@link ModelSizes}
     * @return that size with the sweep's training settings
     */
    public static ModelShape named(String size) {
      return new ModelShape(size, null, null, null, null, null, null, null, null);
    }

    RunSettings settings() {
      return new RunSettings(lr, batchSize, warmupFraction, warmupSteps, gradAccum);
    }
  }

  /**
   * Exactly one of an absolute token count, a tokens-per-parameter multiplier M (of all parameters,
   * embeddings included, as Hoffmann et al. and Gadre et al. count) and a compute budget C in FLOPs
   * (D = C / 6N, N non-embedding, Kaplan et al.'s C = 6ND); with optional training settings of its
   * own ({@link RunSettings}), which override the model's.
   *
   * @param tokens training tokens D
   * @param multiplier M = D / N
   * @param flops training compute C
   * @param lr peak learning rate at this budget
   * @param batchSize sequences per step at this budget
   * @param warmupFraction warmup fraction at this budget
   * @param warmupSteps warmup steps at this budget
   * @param gradAccum micro-batches per step at this budget
   */
  public record Budget(
      Long tokens,
      Double multiplier,
      Double flops,
      Double lr,
      Integer batchSize,
      Double warmupFraction,
      Integer warmupSteps,
      Integer gradAccum) {
    /**
     * @param tokens training tokens D
     * @return a token budget with the model's training settings
     */
    public static Budget ofTokens(long tokens) {
      return new Budget(tokens, null, null, null, null, null, null, null);
    }

    RunSettings settings() {
      return new RunSettings(lr, batchSize, warmupFraction, warmupSteps, gradAccum);
    }

    /** How the budget was given, for messages. */
    String describe() {
      return tokens != null
          ? "tokens " + tokens
          : multiplier != null ? "multiplier " + multiplier : "flops " + flops;
    }
  }

  /** Checks what the records cannot: required lists, mixture sums, one budget kind each. */
  public SweepConfig {
    require(name != null && !name.isBlank(), "name is required");
    require(models != null && !models.isEmpty(), "models: give at least one model");
    require(budgets != null && !budgets.isEmpty(), "budgets: give at least one budget");
    require(
        data != null && data.domains() != null && !data.domains().isEmpty(),
        "data.domains: give at least one domain");
    require(
        seeds == null || !seeds.isEmpty(),
        "seeds: the list is empty, so the sweep has no runs; give at least one seed"
            + " (or leave the key out for seed 0)");
    seeds = seeds == null ? List.of(0L) : List.copyOf(seeds);
    contextLength = contextLength == null ? 64 : contextLength;
    head = head == null ? "tied" : head;
    require(
        head.equals("tied") || head.equals("untied"),
        "head must be tied or untied, got '" + head + "'");
    train = train == null ? TrainSettings.defaults() : train;
    eval = eval == null ? EvalSettings.defaults() : eval;
    if (data.tokenizer() == null) {
      data = new Data(TokenizerSpec.defaults(), data.domains());
    }
    require(
        mixtures == null || !mixtures.isEmpty(),
        "mixtures: the list is empty, so the sweep has no runs; give at least one mixture"
            + " (or leave the key out for equal weights)");
    if (mixtures == null) {
      double w = 1.0 / data.domains().size();
      java.util.Map<String, Double> uniform = new java.util.LinkedHashMap<>();
      data.domains().keySet().forEach(d -> uniform.put(d, w));
      mixtures = List.of(uniform);
    }
    for (Map<String, Double> mix : mixtures) {
      double sum = 0;
      for (Map.Entry<String, Double> e : mix.entrySet()) {
        require(
            data.domains().containsKey(e.getKey()),
            "mixtures: unknown domain '"
                + e.getKey()
                + "' (domains: "
                + data.domains().keySet()
                + ")");
        require(
            e.getValue() != null && e.getValue() >= 0,
            "mixtures: weight of '" + e.getKey() + "' must be >= 0");
        sum += e.getValue();
      }
      require(Math.abs(sum - 1) < 1e-6, "mixtures: weights " + mix + " sum to " + sum + ", not 1");
    }
    for (int i = 0; i < budgets.size(); i++) {
      checkBudget(budgets.get(i), "budgets[" + i + "]");
    }
  }

  /**
   * @param b a budget
   * @param key where it was written
   */
  static void checkBudget(Budget b, String key) {
    int given =
        (b.tokens() == null ? 0 : 1)
            + (b.multiplier() == null ? 0 : 1)
            + (b.flops() == null ? 0 : 1);
    require(given == 1, key + ": give exactly one of tokens, multiplier, flops");
    require(b.tokens() == null || b.tokens() > 0, key + ".tokens must be > 0");
    require(b.multiplier() == null || b.multiplier() > 0, key + ".multiplier must be > 0");
    require(
        b.flops() == null || (b.flops() > 0 && Double.isFinite(b.flops())),
        key + ".flops must be > 0");
  }

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new InputException(message);
    }
  }
}
