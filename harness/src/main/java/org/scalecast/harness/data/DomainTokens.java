package org.scalecast.harness.data;

/**
 * One domain, tokenized: a token stream per split (documents joined by a blank line) and the number
 * of UTF-8 bytes each stream covers.
 *
 * @param name domain name
 * @param train training tokens
 * @param validation validation tokens
 * @param test test tokens
 * @param documents documents per split: train, validation, test
 * @param testDocuments the test split's documents, from which downstream tasks are built
 */
public record DomainTokens(
    String name,
    char[] train,
    char[] validation,
    char[] test,
    int[] documents,
    java.util.List<Document> testDocuments) {}
