/**
 * The training loop and its parts: learning-rate schedules, an AdamW whose state is checkpointed,
 * global-norm clipping, mixture sampling, validation, crash-safe records and resumable state. Our
 * own loop rather than DJL's EasyTrain (DJL_NOTES.md 1.2, 1.4, 1.7, 1.8).
 *
 * <p>Dependencies point one way: {@code sweep -> train -> eval -> data}. A run arrives as a {@link
 * org.scalecast.harness.train.TrainPlan} and its {@link org.scalecast.harness.train.TrainSettings};
 * this package knows nothing of sweeps, configs or the command line.
 */
package org.scalecast.harness.train;
