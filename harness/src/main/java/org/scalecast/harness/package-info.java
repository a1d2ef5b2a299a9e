/**
 * The harness: the {@code scalecast} command line and, as issues land, sweeps that train sampling
 * models. It wires the modules together; analysis lives in {@code fit}, the table contract in
 * {@code results}.
 */
package org.scalecast.harness;
