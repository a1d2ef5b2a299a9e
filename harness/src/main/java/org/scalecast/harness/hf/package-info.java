/**
 * Export of a run's weights and tokenizer to the Hugging Face layout (GPT-2's names, safetensors,
 * tokenizer.json), written by scalecast itself so that no Python is needed to produce it. What the
 * format requires is stated where it is written; architectural facts that must agree with GPT-2 are
 * checked in {@link org.scalecast.harness.hf.Gpt2Layout}.
 */
package org.scalecast.harness.hf;
