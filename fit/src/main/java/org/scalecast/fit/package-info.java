/**
 * Scaling laws and how they are fitted: the law catalogue ({@link org.scalecast.fit.laws.Laws}), a
 * multi-start Levenberg-Marquardt fitter with least-squares and Huber-on-log objectives ({@link
 * org.scalecast.fit.LawFitter}), standard errors, bootstrap intervals over runs, leave-one-run-out
 * validation, and chained predictions with intervals. Pure Java on Commons Math: this module never
 * imports DJL, so its tests need no native library.
 *
 * <p>Packages depend one way: this core (the {@link org.scalecast.fit.ScalingLaw} contract, fitter,
 * objectives, bootstrap, leave-one-run-out, chains) imports none of its subpackages; {@code laws}
 * (the laws and their registry) builds on it; {@code io} (fit files, which name their law), {@code
 * bench}, {@code flp} (predicting a target), {@code flpm} (mixtures) and {@code gadre} (the paper
 * reproduction) build on both. {@code PackageCycleTest} in the harness checks it.
 */
package org.scalecast.fit;
