package org.scalecast.fit.flp;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.scalecast.fit.ScalingLaw;
import org.scalecast.fit.laws.ChinchillaLaw;
import org.scalecast.fit.laws.FlpLossLaw;
import org.scalecast.fit.laws.PowerLaw;
import org.scalecast.results.Columns;

/**
 * Stage 1 of a task chain, and the loss methods of the same names: a loss law fitted on the
 * sampling runs' final checkpoints and evaluated at the target. Every law outputs L, the loss that
 * stage 2 reads.
 */
enum LossStage {
  /** FLP's L = (C/C_N)^alpha by least squares on logs (no irreducible term). */
  FLP_LOSS("flp-loss", List.of(Columns.FLOPS), List.of("C"), FlpLossLaw::new, "ls-log"),
  /** L = E + A C^-alpha by least squares on logs. */
  POWER("power", List.of(Columns.FLOPS), List.of("C"), PowerLaw::new, "ls-log"),
  /**
   * L = E + A/N^alpha + B/D^beta, Huber 1e-3 on log residuals (Hoffmann et al. 2022, Approach 3;
   * the published ladder's step 1, Bhagia et al. 2024).
   */
  CHINCHILLA(
      "chinchilla",
      List.of(Columns.N_PARAMS, Columns.TOKENS),
      List.of("N", "D"),
      ChinchillaLaw::new,
      "huber-log:1e-3");

  private final String label;
  private final List<String> columns;
  private final List<String> variables;
  private final Supplier<ScalingLaw> law;
  private final String objective;

  LossStage(
      String label,
      List<String> columns,
      List<String> variables,
      Supplier<ScalingLaw> law,
      String objective) {
    this.label = label;
    this.columns = columns;
    this.variables = variables;
    this.law = law;
    this.objective = objective;
  }

  /**
   * @return the name in method names, e.g. {@code chinchilla}
   */
  String label() {
    return label;
  }

  /**
   * @return the table columns it reads, in the law's input order
   */
  List<String> columns() {
    return columns;
  }

  /**
   * @return the law's input variables
   */
  List<String> variables() {
    return variables;
  }

  /**
   * @return a new law
   */
  ScalingLaw law() {
    return law.get();
  }

  /**
   * @return the objective spec
   */
  String objective() {
    return objective;
  }

  /**
   * @param runs the sampling runs
   * @return whether the table has the columns it reads
   */
  boolean appliesTo(SamplingRuns runs) {
    return columns.stream().allMatch(runs::has);
  }

  /**
   * @param t the target
   * @return the law's inputs at the target
   */
  Map<String, Double> at(Target t) {
    return this == CHINCHILLA ? Map.of("N", t.nParams(), "D", t.tokens()) : Map.of("C", t.flops());
  }

  /**
   * @param t the target
   * @return the same, in the law's input order
   */
  double[] point(Target t) {
    Map<String, Double> at = at(t);
    return variables.stream().mapToDouble(at::get).toArray();
  }
}
