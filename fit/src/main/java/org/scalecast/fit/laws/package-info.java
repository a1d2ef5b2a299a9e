/**
 * The law catalogue: one class per law, each registered by name in {@link
 * org.scalecast.fit.laws.Laws}. Formulas and sources are in each class comment and in METHODS.md.
 */
package org.scalecast.fit.laws;
