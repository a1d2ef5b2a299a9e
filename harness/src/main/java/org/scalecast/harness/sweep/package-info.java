/**
 * Sweeps: a YAML grid over model shapes, token budgets, mixtures and seeds, expanded into run specs
 * with stable ids; runs executed one after another or several at a time, skipping what is done and
 * resuming what was interrupted; status of every run.
 */
package org.scalecast.harness.sweep;
