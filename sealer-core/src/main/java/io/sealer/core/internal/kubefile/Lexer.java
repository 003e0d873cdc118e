package io.sealer.core.internal.kubefile;

import io.sealer.api.KubefileException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits Kubefile text into logical lines the way Docker's Dockerfile parser does: lines end at {@code \n} (a trailing
 * {@code \r} is dropped, a leading UTF-8 BOM ignored); a line whose first non-blank character is {@code #} is a
 * comment, also when indented; {@code #} elsewhere is ordinary text; a line ending in the escape character (optionally
 * followed by spaces or tabs) continues on the next line, where blank and comment lines are skipped with a warning;
 * a leading {@code # escape=\} or {@code # escape=`} directive, before anything else, sets the escape character.
 */
final class Lexer {
    /** Longest physical or logical line accepted, in characters. */
    static final int MAX_LINE = 1 << 20;

    private final String source;
    private final Reader reader;
    private final List<LogicalLine> lines = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private char escape = '\\';
    private boolean escapeSeen;
    private int lineNumber;

    Lexer(String source, Reader reader) {
        this.source = source;
        this.reader = reader;
    }

    Lexed lex() throws IOException {
        boolean directivesAllowed = true;
        StringBuilder pending = null;
        int pendingStart = 0;
        String line;
        while ((line = nextLine()) != null) {
            String trimmed = Text.stripLeading(line);
            if (pending == null) {
                if (directivesAllowed && trimmed.startsWith("#") && directive(trimmed)) {
                    continue;
                }
                directivesAllowed = false;
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int end = continuationStart(trimmed);
                if (end < 0) {
                    add(lineNumber, trimmed);
                } else {
                    pending = new StringBuilder(trimmed.substring(0, end));
                    pendingStart = lineNumber;
                }
            } else if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                warnings.add(source + ":" + lineNumber + ": " + (trimmed.isEmpty() ? "empty" : "comment")
                        + " line inside the continued instruction of line " + pendingStart + " is skipped");
            } else {
                int end = continuationStart(line);
                pending.append(line, 0, end < 0 ? line.length() : end);
                if (pending.length() > MAX_LINE) {
                    throw new KubefileException(source, pendingStart, null,
                            "instruction is longer than " + MAX_LINE + " characters");
                }
                if (end < 0) {
                    add(pendingStart, pending.toString());
                    pending = null;
                }
            }
        }
        if (pending != null) {
            add(pendingStart, pending.toString());
        }
        return new Lexed(List.copyOf(lines), escape, List.copyOf(warnings));
    }

    private void add(int start, String text) {
        String trimmed = Text.strip(text);
        if (!trimmed.isEmpty()) {
            lines.add(new LogicalLine(start, trimmed));
        }
    }

    /** Index where a trailing escape (plus spaces/tabs) begins, or -1 when the line does not continue. */
    private int continuationStart(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return end > 0 && line.charAt(end - 1) == escape ? end - 1 : -1;
    }

    /** Handles a {@code # name=value} parser directive; false when the comment is not one. */
    private boolean directive(String comment) {
        String body = comment.substring(1);
        int eq = body.indexOf('=');
        if (eq < 0) {
            return false;
        }
        String name = Text.strip(body.substring(0, eq));
        if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
            return false;
        }
        String value = Text.strip(body.substring(eq + 1));
        if (!name.toLowerCase(Locale.ROOT).equals("escape")) {
            return true; // other directives (syntax, check) have no meaning here
        }
        if (escapeSeen) {
            throw new KubefileException(source, lineNumber, comment, "the escape directive may be given only once");
        }
        if (!value.equals("\\") && !value.equals("`")) {
            throw new KubefileException(source, lineNumber, comment,
                    "invalid escape directive: expected \\ or ` as the escape character");
        }
        escapeSeen = true;
        escape = value.charAt(0);
        return true;
    }

    /** Next physical line without its line terminator, or null at the end of input. */
    private String nextLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = reader.read()) != -1 && c != '\n') {
            if (line.length() >= MAX_LINE) {
                throw new KubefileException(source, lineNumber + 1, null,
                        "line is longer than " + MAX_LINE + " characters");
            }
            line.append((char) c);
        }
        if (c == -1 && line.length() == 0) {
            return null;
        }
        lineNumber++;
        if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        if (lineNumber == 1 && line.length() > 0 && line.charAt(0) == '\uFEFF') {
            line.deleteCharAt(0);
        }
        return line.toString();
    }
}
