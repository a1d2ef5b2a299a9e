package org.scalecast.harness.data;

/**
 * One document of a domain.
 *
 * @param id stable identifier (source and path), which decides its split
 * @param text the text
 */
public record Document(String id, String text) {}
