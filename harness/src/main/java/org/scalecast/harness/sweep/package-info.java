/**
 * Sweeps: a YAML grid over model shapes, token budgets, mixtures and seeds, expanded into run specs
 * with stable ids; runs executed one after another or several at a time, skipping what is done and
 * resuming what was interrupted; status of every run.
 *
 * <p>Dependencies point one way: {@code cli -> mixture -> sweep -> train -> eval -> data}. This
 * package resolves a {@link org.scalecast.harness.sweep.RunSpec} into a {@link
 * org.scalecast.harness.train.TrainPlan} and hands it to {@code train}; {@code train} never imports
 * {@code sweep}.
 */
package org.scalecast.harness.sweep;
