/**
 * The contract between training and fitting: reading and filtering results tables (Tablesaw),
 * provenance records, and the one exception type that means "bad input". No DJL here, so every
 * consumer can read results without a native library.
 */
package org.scalecast.results;
