/**
 * Fit files: a fitted law with its parameters, covariance, bootstrap samples, leave-one-run-out
 * errors, input ranges and provenance as JSON, read back by name through {@link
 * org.scalecast.fit.laws.Laws} so that {@code predict --fit} can use it without the data.
 */
package org.scalecast.fit.io;
