package io.sealer.core.internal.kubefile;

/**
 * One instruction's text after comments are dropped and continuations joined.
 *
 * @param line 1-based physical line the instruction starts on
 * @param text the joined text, surrounding white space trimmed
 */
record LogicalLine(int line, String text) {
}
