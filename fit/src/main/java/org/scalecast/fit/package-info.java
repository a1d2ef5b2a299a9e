/**
 * Scaling laws and how they are fitted: the law catalogue ({@link org.scalecast.fit.Laws}), a
 * multi-start Levenberg-Marquardt fitter with least-squares and Huber-on-log objectives ({@link
 * org.scalecast.fit.LawFitter}), standard errors, bootstrap intervals over runs, leave-one-run-out
 * validation, and chained predictions with intervals. Pure Java on Commons Math: this module never
 * imports DJL, so its tests need no native library.
 */
package org.scalecast.fit;
