/** One class per command of the {@code scalecast} command line. */
package org.scalecast.harness.cli;
