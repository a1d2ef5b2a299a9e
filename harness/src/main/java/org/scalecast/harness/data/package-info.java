/**
 * Training data: domains (text, code, or any local folder or JSONL file), fetched by package name
 * through the ordinary clients (npm, mvn) with pinned versions and SHA-256 checks, split
 * deterministically by document hash, tokenized (byte-level BPE or raw bytes) and cached by content
 * hash.
 */
package org.scalecast.harness.data;
