/**
 * Mixture workflows that train: verifying FLP-M's best share by training it and two others ({@link
 * org.scalecast.harness.mixture.MixtureVerification}). Depends on {@code sweep} (to train) and
 * {@code report} (the figure's measured points); the command line calls it and prints.
 */
package org.scalecast.harness.mixture;
