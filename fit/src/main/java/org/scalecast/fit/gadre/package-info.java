/**
 * Reproduction of Gadre et al. (2024), "Language models scale reliably with over-training and on
 * downstream tasks" (arXiv 2403.08540): reads the published {@code exp_data} folder in its original
 * layout, fits Eq. 4 and Eq. 5 with the paper's fit sets and compares every published cell.
 */
package org.scalecast.fit.gadre;
