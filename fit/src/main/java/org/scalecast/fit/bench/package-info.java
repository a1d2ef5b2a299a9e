/** What {@code scalecast bench fit} measures: the fitter and bootstrap on a synthetic grid. */
package org.scalecast.fit.bench;
