package org.scalecast.harness.data;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a domain's documents come from: exactly one of a default corpus name, a local folder of
 * text files (one document per file) or a JSONL file (one document per line, its text under {@code
 * "text"}).
 *
 * @param source {@code default-text} or {@code default-code}
 * @param path a folder of text files
 * @param jsonl a JSONL file
 * @param maxBytes keep documents (in split order) up to this many bytes, or null for all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DomainSpec(String source, String path, String jsonl, Long maxBytes) {}
