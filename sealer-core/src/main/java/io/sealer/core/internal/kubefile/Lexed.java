package io.sealer.core.internal.kubefile;

import java.util.List;

/**
 * The lexer's output.
 *
 * @param lines logical lines in order
 * @param escape the escape character in effect ({@code \} or a backtick)
 * @param warnings warnings, already prefixed with {@code source:line:}
 */
record Lexed(List<LogicalLine> lines, char escape, List<String> warnings) {
}
