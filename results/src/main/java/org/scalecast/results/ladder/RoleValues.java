package org.scalecast.results.ladder;

/**
 * The role values of every row.
 *
 * @param problem per row, why its roles could not be read (null when they could): a row of a
 *     published table that the ladder's {@code where:} leaves out (another model family without a
 *     token count) must not stop the read, so a role error stops it only for a row kept
 */
record RoleValues(
    String[] run,
    double[] step,
    double[] tokens,
    double[] nParams,
    double[] flops,
    String[] problem) {}
