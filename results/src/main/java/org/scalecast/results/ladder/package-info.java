/**
 * Ladders in the shape users have them ("bring your own ladder", issue 10): a CSV or JSONL table,
 * or a folder of per-run files, joined with a runs table, mapped to scalecast's roles, filtered and
 * pivoted into the canonical results table ({@link org.scalecast.results.Columns}), so that
 * prediction and reports read it unchanged; and lm-evaluation-harness results turned into such a
 * table ({@link org.scalecast.results.ladder.LmEvalImport}).
 */
package org.scalecast.results.ladder;
