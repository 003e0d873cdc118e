package io.sealer.core.discovery;

/**
 * A fast path for the YAML almost every manifest uses: block mappings and sequences with one-line scalar values. It
 * reads a document line by line, tracking only indentation (to skip block scalars such as {@code template: |}) and
 * reports {@code image}-key values exactly as {@link ImageValueWalker} would. As soon as it meets anything it does
 * not model (flow collections or quoted scalars spanning lines, anchors, aliases, tags, complex keys, tab
 * indentation, an {@code image} key whose value is not on its own line) it gives up and the caller parses the
 * document with Jackson instead, so its answers are never guesses.
 */
final class SimpleYamlScanner {
    private SimpleYamlScanner() {
    }

    /**
     * Reports the image values of one YAML document to {@code sink} (lines are 1-based within {@code document}).
     *
     * @return false when the document needs the full parser; the sink may then have received some values already
     */
    static boolean scan(String document, ImageValueWalker.Sink sink) {
        int blockParent = -1;
        int plainParent = -1;
        int lineNumber = 0;
        int start = 0;
        int length = document.length();
        while (start < length) {
            int end = document.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            String line = document.substring(start, end);
            start = end + 1;
            lineNumber++;
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            if (line.isBlank()) {
                continue;
            }
            if (blockParent >= 0) {
                if (indent > blockParent) {
                    continue;
                }
                blockParent = -1;
            }
            char first = line.charAt(indent);
            if (first == '#') {
                continue;
            }
            if (plainParent >= 0) {
                if (indent > plainParent) {
                    return false;
                }
                plainParent = -1;
            }
            if (first == '\t' || first == '%' || first == '?' || first == '&' || first == '*' || first == '!') {
                return false;
            }
            if (indent == 0 && (line.startsWith("---") || line.startsWith("..."))) {
                if (!isBlankOrComment(line.substring(3))) {
                    return false;
                }
                continue;
            }
            int col = indent;
            while (col < line.length() && line.charAt(col) == '-'
                    && (col + 1 == line.length() || line.charAt(col + 1) == ' ')) {
                col++;
                while (col < line.length() && line.charAt(col) == ' ') {
                    col++;
                }
            }
            if (col >= line.length()) {
                continue;
            }
            String rest = line.substring(col);
            char head = rest.charAt(0);
            if (head == '\t' || head == '?' || head == '&' || head == '*' || head == '!' || head == '%') {
                return false;
            }
            String key = null;
            String value = rest;
            if (head != '{' && head != '[') {
                int colon = mappingColon(rest);
                if (colon == -2) {
                    return false;
                }
                if (colon >= 0) {
                    key = unquoteKey(rest.substring(0, colon).strip());
                    if (key == null) {
                        return false;
                    }
                    value = rest.substring(colon + 1).strip();
                }
            }
            boolean imageKey = ImageValueWalker.isImageKey(key);
            if (value.isEmpty() || value.charAt(0) == '#') {
                if (imageKey) {
                    return false;
                }
                continue;
            }
            char v = value.charAt(0);
            switch (v) {
                case '|', '>' -> {
                    if (imageKey || !isBlankOrComment(value.substring(1).replaceFirst("^[-+0-9]*", ""))) {
                        return false;
                    }
                    blockParent = key != null ? col : indent;
                }
                case '{', '[' -> {
                    if (rest.contains("mage") || !balanced(value)) {
                        return false;
                    }
                }
                case '&', '*', '!', '@', '`', '%' -> {
                    return false;
                }
                case '"', '\'' -> {
                    String scalar = quoted(value);
                    if (scalar == null) {
                        return false;
                    }
                    if (imageKey) {
                        sink.value(scalar, lineNumber);
                    }
                }
                default -> {
                    if (key != null) {
                        plainParent = col;
                    }
                    if (imageKey) {
                        String plain = stripComment(value);
                        if (mayResolveToNonString(plain)) {
                            return false;
                        }
                        sink.value(plain, lineNumber);
                    }
                }
            }
        }
        return true;
    }

    /** Index of the {@code :} that ends a mapping key (followed by space or end of line); -1 none; -2 give up. */
    private static int mappingColon(String text) {
        int i = 0;
        if (text.charAt(0) == '"' || text.charAt(0) == '\'') {
            int close = text.indexOf(text.charAt(0), 1);
            if (close < 0) {
                return -2;
            }
            i = close + 1;
        }
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t')) {
                return i;
            }
            if (c == '#' && i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
                return -1;
            }
        }
        return -1;
    }

    private static String unquoteKey(String key) {
        if (key.isEmpty()) {
            return null;
        }
        char q = key.charAt(0);
        if (q == '"' || q == '\'') {
            String inner = quoted(key);
            return inner == null || inner.indexOf('\\') >= 0 ? null : inner;
        }
        return key;
    }

    /** The content of a one-line quoted scalar that makes up all of {@code text} (bar a comment), or null. */
    private static String quoted(String text) {
        char q = text.charAt(0);
        StringBuilder out = new StringBuilder();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (q == '"' && c == '\\') {
                return null;
            }
            if (c == q) {
                if (q == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    out.append('\'');
                    i += 2;
                    continue;
                }
                return isBlankOrComment(text.substring(i + 1)) ? out.toString() : null;
            }
            out.append(c);
            i++;
        }
        return null;
    }

    private static boolean balanced(String value) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == '#' && depth == 0) {
                break;
            }
        }
        return depth == 0 && quote == 0;
    }

    /** Plain scalars YAML may read as null, a boolean or a number: left to the full parser. */
    private static boolean mayResolveToNonString(String plain) {
        if (plain.isEmpty()) {
            return true;
        }
        char c = plain.charAt(0);
        if (Character.isDigit(c) || c == '-' || c == '+' || c == '.' || c == '~') {
            return true;
        }
        return switch (plain.toLowerCase(java.util.Locale.ROOT)) {
            case "null", "true", "false", "yes", "no", "on", "off", "y", "n" -> true;
            default -> false;
        };
    }

    private static String stripComment(String plain) {
        int hash = plain.indexOf(" #");
        int tabHash = plain.indexOf("\t#");
        int cut = hash < 0 ? tabHash : tabHash < 0 ? hash : Math.min(hash, tabHash);
        return (cut < 0 ? plain : plain.substring(0, cut)).strip();
    }

    private static boolean isBlankOrComment(String text) {
        String t = text.strip();
        return t.isEmpty() || t.charAt(0) == '#';
    }
}
