/**
 * Downstream evaluations: a versioned suite of tasks built deterministically from each domain's
 * held-out test documents, user tasks from JSONL, and a batched log-likelihood scorer giving
 * accuracy, length-normalised accuracy, greedy exact match and the task loss at every checkpoint.
 *
 * <p>Built-in tasks are registered in {@link org.scalecast.harness.eval.Tasks}: a new task is one
 * {@link org.scalecast.harness.eval.BuiltInTask} class (name, version, declared domain, kind,
 * chance, generator) plus one line there. Depends only on {@code data}.
 */
package org.scalecast.harness.eval;
