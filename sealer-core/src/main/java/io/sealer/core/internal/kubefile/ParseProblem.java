package io.sealer.core.internal.kubefile;

/** A problem found inside one instruction; the parser turns it into a located {@code KubefileException}. */
final class ParseProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ParseProblem(String problem) {
        super(problem, null, false, false);
    }
}
