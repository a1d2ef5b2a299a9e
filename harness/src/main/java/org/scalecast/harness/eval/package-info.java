/**
 * Downstream evaluations: a versioned suite of tasks built deterministically from each domain's
 * held-out test documents, user tasks from JSONL, and a batched log-likelihood scorer giving
 * accuracy, length-normalised accuracy, greedy exact match and the task loss at every checkpoint.
 */
package org.scalecast.harness.eval;
