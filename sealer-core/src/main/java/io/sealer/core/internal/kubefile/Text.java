package io.sealer.core.internal.kubefile;

import java.util.ArrayList;
import java.util.List;

/**
 * Quote-aware text helpers with Docker's notion of white space (space, tab, vertical tab, form feed, carriage
 * return). "Raw" words keep their quotes and escapes; {@link #unquote} removes them.
 */
final class Text {
    private Text() {
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r';
    }

    static String stripLeading(String s) {
        int start = 0;
        while (start < s.length() && isSpace(s.charAt(start))) {
            start++;
        }
        return s.substring(start);
    }

    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Index of the first white space outside quotes, or the length when there is none. */
    static int wordEnd(String s, int from, char escape) {
        int i = from;
        char quote = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (quote == 0 && isSpace(c)) {
                return i;
            }
            if (c == escape && quote != '\'' && i + 1 < s.length()) {
                i += 2;
                continue;
            }
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            i++;
        }
        if (quote != 0) {
            throw new ParseProblem("unterminated " + (quote == '"' ? "double" : "single") + " quote");
        }
        return i;
    }

    /** Splits at white space outside quotes; words keep their quotes. */
    static List<String> rawWords(String s, char escape) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (isSpace(s.charAt(i))) {
                i++;
                continue;
            }
            int end = wordEnd(s, i, escape);
            words.add(s.substring(i, end));
            i = end;
        }
        return words;
    }

    /** Splits at white space outside quotes and removes the quotes of each word. */
    static List<String> words(String s, char escape) {
        List<String> words = new ArrayList<>();
        for (String raw : rawWords(s, escape)) {
            words.add(unquote(raw, escape));
        }
        return words;
    }

    /** Index of {@code target} outside quotes and not escaped, or -1. */
    static int indexOfUnquoted(String s, char target, char escape) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == escape && quote != '\'') {
                i++;
            } else if (quote == 0 && c == target) {
                return i;
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
        }
        return -1;
    }

    /**
     * Removes shell-style quoting: {@code '...'} is literal; in {@code "..."} the escape character escapes only
     * {@code "} and itself; outside quotes it escapes any character. Nothing is expanded.
     */
    static String unquote(String s, char escape) {
        StringBuilder out = new StringBuilder(s.length());
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    out.append(c);
                }
            } else if (c == escape && i + 1 < s.length()) {
                char next = s.charAt(i + 1);
                if (quote == 0 || next == '"' || next == escape) {
                    out.append(next);
                    i++;
                } else {
                    out.append(c);
                }
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (quote == '"' && c == '"') {
                quote = 0;
            } else {
                out.append(c);
            }
        }
        if (quote != 0) {
            throw new ParseProblem("unterminated " + (quote == '"' ? "double" : "single") + " quote");
        }
        return out.toString();
    }

    /**
     * Splits shell text at commas that are outside quotes, not escaped by a backslash and end a word (followed by
     * white space, another comma or the end of the text). Pieces are trimmed; empty pieces are dropped.
     */
    static List<String> splitListCommas(String s) {
        List<String> pieces = new ArrayList<>();
        char quote = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quote != '\'') {
                i++;
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else if (quote == 0 && c == ',' && (i + 1 == s.length() || s.charAt(i + 1) == ','
                    || isSpace(s.charAt(i + 1)))) {
                addPiece(pieces, s.substring(start, i));
                start = i + 1;
            }
        }
        if (quote != 0) {
            return List.of(strip(s)); // let the shell report the quoting error at run time
        }
        addPiece(pieces, s.substring(start));
        return pieces;
    }

    /** Splits at every comma outside quotes and not escaped; pieces trimmed, empty ones dropped. */
    static List<String> splitCommas(String s, char escape) {
        List<String> pieces = new ArrayList<>();
        char quote = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == escape && quote != '\'') {
                i++;
            } else if (quote == 0 && c == ',') {
                addPiece(pieces, s.substring(start, i));
                start = i + 1;
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
        }
        addPiece(pieces, s.substring(start));
        return pieces;
    }

    private static void addPiece(List<String> pieces, String piece) {
        String trimmed = strip(piece);
        if (!trimmed.isEmpty()) {
            pieces.add(trimmed);
        }
    }
}
