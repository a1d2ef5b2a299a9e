/**
 * FLP (Chen et al. 2024): predict a target's downstream score in two stages, FLOPs to loss on the
 * final checkpoints of the sampling runs, then loss to score on their intermediate checkpoints that
 * have emerged above chance, chained with intervals.
 */
package org.scalecast.fit.flp;
