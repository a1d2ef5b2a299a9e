/**
 * FLP-M (Chen et al. 2024, METHODS.md section 2): per-domain losses as functions of the compute on
 * each source of a text/code mixture, maps from the vector of domain losses to task scores, and the
 * mixture that maximises the predicted scores at a compute budget.
 */
package org.scalecast.fit.flpm;
