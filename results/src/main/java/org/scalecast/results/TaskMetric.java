package org.scalecast.results;

import java.util.Locale;

/** What a task column measures; the key is the suffix of the column's name. */
public enum TaskMetric {
  /** Share of items whose gold choice has the highest log-likelihood. */
  ACC(QuantityKind.SCORE),
  /** The same with log-likelihood per byte of each choice. */
  ACC_NORM(QuantityKind.SCORE),
  /** Share of items greedy decoding reproduces exactly. */
  EM(QuantityKind.SCORE),
  /** Negative log-likelihood of the gold continuation, nats per token. */
  LOSS(QuantityKind.LOSS),
  /** The same in bits per byte. */
  BPB(QuantityKind.LOSS);

  private final QuantityKind kind;

  TaskMetric(QuantityKind kind) {
    this.kind = kind;
  }

  /**
   * @return the column suffix
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @return whether the metric is a loss or a score
   */
  public QuantityKind kind() {
    return kind;
  }
}
