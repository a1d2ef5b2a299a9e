package org.scalecast.harness.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scalecast.results.TaskKind;
import org.scalecast.results.TaskMetric;

/**
 * A task's scores at one checkpoint.
 *
 * @param task the task
 * @param n items scored
 * @param accuracy share of items whose gold choice has the highest log-likelihood (choice tasks)
 * @param accuracyNorm the same with log-likelihood per byte of each choice (choice tasks)
 * @param exactMatch share of items greedy decoding reproduces exactly (cloze tasks)
 * @param loss negative log-likelihood of the gold continuation, nats per token
 * @param bitsPerByte the same in bits per byte of the gold continuation
 * @param stdError binomial standard error of the task's main score
 * @param seconds time spent scoring
 */
public record TaskScore(
    Task task,
    int n,
    double accuracy,
    double accuracyNorm,
    double exactMatch,
    double loss,
    double bitsPerByte,
    double stdError,
    double seconds) {

  /**
   * @return the main score: accuracy for choice tasks, exact match for cloze tasks
   */
  public double main() {
    return task.kind() == TaskKind.CHOICE ? accuracy : exactMatch;
  }

  /**
   * @return column name to value, as they join the checkpoint records
   */
  public Map<String, Double> columns() {
    Map<String, Double> m = new LinkedHashMap<>();
    if (task.kind() == TaskKind.CHOICE) {
      m.put(task.column(TaskMetric.ACC), accuracy);
      m.put(task.column(TaskMetric.ACC_NORM), accuracyNorm);
    } else {
      m.put(task.column(TaskMetric.EM), exactMatch);
    }
    m.put(task.column(TaskMetric.LOSS), loss);
    m.put(task.column(TaskMetric.BPB), bitsPerByte);
    return m;
  }
}
