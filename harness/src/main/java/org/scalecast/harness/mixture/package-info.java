/**
 * Mixture workflows: the best share at a budget with its bootstrap and report folder ({@link
 * org.scalecast.harness.mixture.MixtureOptimization}), and verifying it by training it and two
 * others ({@link org.scalecast.harness.mixture.MixtureVerification}). Depends on {@code sweep} (to
 * train) and {@code report} (the figure's measured points); the command line calls it and prints.
 */
package org.scalecast.harness.mixture;
