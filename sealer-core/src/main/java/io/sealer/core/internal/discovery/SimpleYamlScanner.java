package io.sealer.core.internal.discovery;

import io.sealer.core.internal.discovery.ImageValueWalker.Parts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A fast path for the YAML almost every manifest uses: block mappings and sequences with one-line scalar values. It
 * reads a document line by line, tracking only indentation (to skip block scalars such as {@code template: |} and to
 * find the direct children of an {@code image:} block mapping) and reports {@code image}-key values exactly as
 * {@link ImageValueWalker} would: a plain scalar only when YAML 1.1 resolution (SnakeYAML's {@link Resolver} patterns,
 * which Jackson uses) makes it a string, and an {@code image} mapping as the reference its
 * {@code registry}/{@code repository}/{@code tag}/{@code digest} children make, or nothing without a repository (as in
 * CRD schemas). As soon as it meets anything it does not model (flow collections or quoted scalars spanning lines,
 * anchors, aliases, tags, complex keys, tab indentation, an {@code image} value that is a sequence or a scalar on its
 * own line, a plain scalar YAML reads as a number, boolean or null) it gives up and the caller parses the document
 * with Jackson instead, so its answers are never guesses.
 *
 * <p>It also follows the block sequences under {@code args}/{@code command} and {@code env} keys, reporting their
 * one-line scalar items and env {@code value}s that are launched images ({@link LaunchedImages}); only values with a
 * {@code /} and a {@code :} or {@code @} are looked at, so plain flags and env values cost nothing. A candidate it cannot
 * read on one line (a stripped block scalar, a value on the next line, a flow mapping) makes it give up. So do a
 * {@code baseImage} scalar and, when the document has images, an {@code enabled} key that is not {@code true}: those
 * are the full walk's to resolve.
 */
final class SimpleYamlScanner {
    private static final int NONE = 0;
    private static final int ARGS = 1;
    private static final int ENV = 2;

    private SimpleYamlScanner() {
    }

    /**
     * Reports the image values of one YAML document to {@code sink} (lines are 1-based within {@code document}).
     *
     * @return false when the document needs the full parser; the sink may then have received some values already
     */
    static boolean scan(String document, ImageValueWalker.Sink target) {
        int[] reported = {0};
        ImageValueWalker.Sink sink = (value, line) -> {
            reported[0]++;
            target.value(value, line);
        };
        boolean mayDisable = false;
        int blockParent = -1;
        boolean blockCheck = false;
        int plainParent = -1;
        int pendingImage = -1;
        // An args/command (ARGS) or env (ENV) block sequence: the key's column, the items' dash column (-1 until the
        // first item) and, for env, the key column of the current item mapping.
        int seq = NONE;
        int seqKey = -1;
        int seqDash = -1;
        int envItem = -1;
        Deque<Parts> open = new ArrayDeque<>();
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
                    if (blockCheck && LaunchedImages.mayHold(line, indent, line.length())) {
                        return false;
                    }
                    continue;
                }
                blockParent = -1;
                blockCheck = false;
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
            boolean firstChild = false;
            if (pendingImage >= 0) {
                if (indent > pendingImage) {
                    firstChild = true;
                    open.push(new Parts(lineNumber, indent));
                } else if (indent == pendingImage && first == '-') {
                    return false;
                }
                pendingImage = -1;
            }
            while (!open.isEmpty() && open.peek().indent > indent) {
                open.pop().report(sink);
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
            int dashes = 0;
            while (col < line.length() && line.charAt(col) == '-'
                    && (col + 1 == line.length() || line.charAt(col + 1) == ' ')) {
                col++;
                dashes++;
                while (col < line.length() && line.charAt(col) == ' ') {
                    col++;
                }
            }
            boolean member = false;
            if (seq != NONE) {
                if (seqDash < 0 && dashes > 0 && indent >= seqKey) {
                    seqDash = indent;
                    member = true;
                } else if (seqDash >= 0 && (indent > seqDash || indent == seqDash && dashes > 0)) {
                    member = true;
                } else {
                    seq = NONE;
                }
            }
            boolean item = member && indent == seqDash && dashes > 0;
            if (col >= line.length()) {
                if (firstChild) {
                    return false;
                }
                continue;
            }
            char head = line.charAt(col);
            if (head == '\t' || head == '?' || head == '&' || head == '*' || head == '!' || head == '%') {
                return false;
            }
            // Key and value are offsets into the line; strings are made only for image keys and image parts.
            String key = null;
            int keyTo = -1;
            int valueFrom = col;
            if (head != '{' && head != '[') {
                int colon = mappingColon(line, col);
                if (colon == -2) {
                    return false;
                }
                if (colon >= 0) {
                    keyTo = stripEnd(line, col, colon);
                    if (head == '"' || head == '\'') {
                        key = unquoteKey(line.substring(col, keyTo));
                        if (key == null) {
                            return false;
                        }
                    } else if (keyTo == col) {
                        return false;
                    }
                    valueFrom = colon + 1;
                }
            }
            if (firstChild && (keyTo < 0 || col != indent)) {
                return false;
            }
            boolean imageKey = key != null ? ImageValueWalker.isImageKey(key)
                    : keyTo >= col + 5 && (line.startsWith("image", keyTo - 5) || line.startsWith("Image", keyTo - 5));
            Parts parts = null;
            if (keyTo >= 0 && col == indent && !open.isEmpty() && open.peek().indent == indent) {
                if (key == null) {
                    key = line.substring(col, keyTo).strip();
                }
                parts = Parts.isPart(key) ? open.peek() : null;
            }
            while (valueFrom < line.length() && Character.isWhitespace(line.charAt(valueFrom))) {
                valueFrom++;
            }
            int valueTo = stripEnd(line, valueFrom, line.length());
            // Whether this line's value is an args item or an env value, where launched images are looked for.
            boolean launched = false;
            if (member) {
                if (seq == ARGS) {
                    if (item) {
                        launched = keyTo < 0 && dashes == 1 && head != '{' && head != '[';
                    } else if (keyTo < 0 && LaunchedImages.mayHold(line, col, line.length())) {
                        return false;
                    }
                } else {
                    if (item) {
                        envItem = keyTo >= 0 && dashes == 1 ? col : -1;
                    }
                    if (keyTo >= 0 && col == envItem && (item || indent == col)) {
                        launched = keyTo - col == 5 && line.startsWith("value", col)
                                || key != null && key.equals("value");
                    } else if (LaunchedImages.mayHold(line, keyTo >= 0 ? valueFrom : col, line.length())) {
                        return false;
                    }
                }
            }
            int launchKey = NONE;
            if (keyTo >= 0) {
                launchKey = launchKey(line, col, keyTo, key);
                if (launchKey == NONE) {
                    if (keyTo - col == 7 && line.startsWith("enabled", col) || key != null && key.equals("enabled")) {
                        mayDisable |= !isTrue(line, valueFrom, valueTo);
                    }
                } else if (member) {
                    return false;
                }
            }
            if (valueFrom == valueTo || line.charAt(valueFrom) == '#') {
                if (parts != null) {
                    return false;
                }
                if (imageKey) {
                    pendingImage = col;
                } else if (launchKey != NONE) {
                    seq = launchKey;
                    seqKey = col;
                    seqDash = -1;
                    envItem = -1;
                }
                continue;
            }
            char v = line.charAt(valueFrom);
            if (imageKey && (v == '"' || v == '\'' || !isFlowOrBlockStart(v))
                    && (key != null ? ImageValueWalker.isBaseImageKey(key) : isBaseImageKey(line, col, keyTo))) {
                return false;
            }
            switch (v) {
                case '|', '>' -> {
                    String header = line.substring(valueFrom + 1, valueTo);
                    if (imageKey || parts != null || !isBlankOrComment(header.replaceFirst("^[-+0-9]*", ""))) {
                        return false;
                    }
                    blockParent = keyTo >= 0 ? col : indent;
                    blockCheck = launched && stripComment(header).indexOf('-') >= 0;
                }
                case '{', '[' -> {
                    String value = line.substring(valueFrom, valueTo);
                    if (launchKey != NONE && LaunchedImages.mayHold(line, valueFrom, valueTo)) {
                        if (launchKey != ARGS || v != '[' || !flowArguments(value, lineNumber, sink)) {
                            return false;
                        }
                    } else if (imageKey && v == '{') {
                        if (!flowImageMapping(value, lineNumber, sink)) {
                            return false;
                        }
                    } else if (parts != null || line.indexOf("mage", col) >= 0 || !balanced(value)) {
                        return false;
                    }
                }
                case '&', '*', '!', '@', '`', '%' -> {
                    return false;
                }
                case '"', '\'' -> {
                    boolean candidate = launched && LaunchedImages.mayHold(line, valueFrom, valueTo);
                    boolean wanted = imageKey || parts != null || candidate;
                    StringBuilder scalar = wanted ? new StringBuilder() : null;
                    if (!quoted(line, valueFrom, valueTo, scalar)) {
                        return false;
                    }
                    if (imageKey) {
                        sink.value(scalar.toString(), lineNumber);
                    } else if (parts != null) {
                        parts.set(key, scalar.toString());
                    } else if (candidate) {
                        String reference = LaunchedImages.reference(scalar.toString());
                        if (reference != null) {
                            sink.value(reference, lineNumber);
                        }
                    }
                }
                default -> {
                    if (keyTo >= 0) {
                        plainParent = col;
                    }
                    if (launched && LaunchedImages.mayHold(line, valueFrom, valueTo)) {
                        String reference = LaunchedImages.reference(stripComment(line.substring(valueFrom, valueTo)));
                        if (reference != null) {
                            sink.value(reference, lineNumber);
                            plainParent = Math.max(plainParent, indent);
                        }
                    } else if (imageKey || parts != null) {
                        String plain = stripComment(line.substring(valueFrom, valueTo));
                        if (mayResolveToNonString(plain)) {
                            return false;
                        }
                        if (imageKey) {
                            sink.value(plain, lineNumber);
                        } else {
                            parts.set(key, plain);
                        }
                    }
                }
            }
        }
        while (!open.isEmpty()) {
            open.pop().report(sink);
        }
        // A mapping with enabled: false drops its images: the full walk decides which.
        return !(mayDisable && reported[0] > 0);
    }

    /** Whether {@code line[from, to)} is the plain scalar {@code true} (bar a comment): enabled, as YAML reads it. */
    private static boolean isTrue(String line, int from, int to) {
        if (to - from < 4) {
            return false;
        }
        String plain = stripComment(line.substring(from, to));
        return plain.equals("true") || plain.equals("True") || plain.equals("TRUE");
    }

    /** ARGS or ENV when the key at {@code line[col, keyTo)} ({@code key} when it was quoted) is one. */
    private static int launchKey(String line, int col, int keyTo, String key) {
        if (key != null) {
            return LaunchedImages.isCommandKey(key) ? ARGS : key.equals("env") ? ENV : NONE;
        }
        return switch (keyTo - col) {
            case 3 -> line.startsWith("env", col) ? ENV : NONE;
            case 4 -> line.startsWith("args", col) ? ARGS : NONE;
            case 7 -> line.startsWith("command", col) ? ARGS : NONE;
            default -> NONE;
        };
    }

    private static boolean isBaseImageKey(String line, int col, int keyTo) {
        return keyTo - col >= 9 && (line.startsWith("baseImage", keyTo - 9) || line.startsWith("BaseImage", keyTo - 9));
    }

    private static boolean isFlowOrBlockStart(char c) {
        return c == '{' || c == '[' || c == '|' || c == '>';
    }

    /**
     * Reads a one-line flow sequence of scalars ({@code ["--a=b", c, 'd']}) under {@code args} or {@code command} and
     * reports the launched images among them.
     *
     * @return false to give up (nested collections, escapes, anything but scalars)
     */
    private static boolean flowArguments(String value, int line, ImageValueWalker.Sink sink) {
        List<String> items = new ArrayList<>();
        int i = 1;
        int n = value.length();
        while (true) {
            while (i < n && value.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                return false;
            }
            char c = value.charAt(i);
            if (c == ']' && items.isEmpty()) {
                break;
            }
            if (c == '"' || c == '\'') {
                StringBuilder scalar = new StringBuilder();
                int close = i + 1;
                while (true) {
                    if (close >= n || c == '"' && value.charAt(close) == '\\') {
                        return false;
                    }
                    if (value.charAt(close) == c) {
                        if (c == '\'' && close + 1 < n && value.charAt(close + 1) == '\'') {
                            scalar.append(c);
                            close += 2;
                            continue;
                        }
                        break;
                    }
                    scalar.append(value.charAt(close++));
                }
                items.add(scalar.toString());
                i = close + 1;
            } else {
                int stop = i;
                while (stop < n && value.charAt(stop) != ',' && value.charAt(stop) != ']') {
                    stop++;
                }
                String plain = value.substring(i, stop).strip();
                if (plain.isEmpty() || "&*!|>%@`?{[#\"'".indexOf(plain.charAt(0)) >= 0 || plain.contains(": ")
                        || plain.startsWith("- ") || plain.equals("-") || plain.contains(" #") || plain.endsWith(":") || plain.indexOf('}') >= 0) {
                    return false;
                }
                items.add(plain);
                i = stop;
            }
            while (i < n && value.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                return false;
            }
            if (value.charAt(i) == ']') {
                break;
            }
            if (value.charAt(i) != ',') {
                return false;
            }
            i++;
        }
        if (!isBlankOrComment(value.substring(i + 1))) {
            return false;
        }
        for (String item : items) {
            String reference = LaunchedImages.reference(item);
            if (reference != null) {
                sink.value(reference, line);
            }
        }
        return true;
    }

    /**
     * Reads {@code image: {key: value, ...}} on one line when every key and value is a simple plain scalar and no key
     * names an image; reports the reference its parts make, if any.
     *
     * @return false to give up
     */
    private static boolean flowImageMapping(String value, int line, ImageValueWalker.Sink sink) {
        int close = value.indexOf('}');
        if (close < 0 || !isBlankOrComment(value.substring(close + 1))) {
            return false;
        }
        String inner = value.substring(1, close).strip();
        Parts parts = new Parts(line, 0);
        if (!inner.isEmpty()) {
            for (String entry : inner.split(",", -1)) {
                int colon = entry.indexOf(':');
                if (colon < 0 || colon + 1 == entry.length() || entry.charAt(colon + 1) != ' ') {
                    return false;
                }
                String key = entry.substring(0, colon).strip();
                String scalar = entry.substring(colon + 1).strip();
                if (!isSimpleFlowScalar(key) || !isSimpleFlowScalar(scalar) || ImageValueWalker.isImageKey(key)) {
                    return false;
                }
                if (Parts.isPart(key)) {
                    if (mayResolveToNonString(scalar)) {
                        return false;
                    }
                    parts.set(key, scalar);
                }
            }
        }
        parts.report(sink);
        return true;
    }

    /** A non-empty plain scalar of letters, digits and {@code . _ - / @ +}, starting with a letter or digit. */
    private static boolean isSimpleFlowScalar(String text) {
        if (text.isEmpty() || !Character.isLetterOrDigit(text.charAt(0))) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-' || c == '/' || c == '@' || c == '+')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Index in {@code line} of the {@code :} that ends a mapping key starting at {@code from} (followed by space or end
     * of line); -1 none; -2 give up.
     */
    private static int mappingColon(String line, int from) {
        int i = from;
        char q = line.charAt(from);
        if (q == '"' || q == '\'') {
            int close = line.indexOf(q, from + 1);
            if (close < 0) {
                return -2;
            }
            i = close + 1;
        }
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ':' && (i + 1 == line.length() || line.charAt(i + 1) == ' ' || line.charAt(i + 1) == '\t')) {
                return i;
            }
            if (c == '#' && i > from && (line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
                return -1;
            }
        }
        return -1;
    }

    /** {@code to} moved back over white space, not below {@code from}. */
    private static int stripEnd(String line, int from, int to) {
        while (to > from && Character.isWhitespace(line.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** A quoted key, unquoted; null when it is empty, not one quoted scalar or has escapes. */
    private static String unquoteKey(String key) {
        if (key.isEmpty()) {
            return null;
        }
        StringBuilder inner = new StringBuilder();
        return quoted(key, 0, key.length(), inner) && inner.indexOf("\\") < 0 ? inner.toString() : null;
    }

    /**
     * Whether {@code line[from, to)} is one one-line quoted scalar (bar a trailing comment) without escapes; its
     * content is appended to {@code out} when not null.
     */
    private static boolean quoted(String line, int from, int to, StringBuilder out) {
        char q = line.charAt(from);
        int i = from + 1;
        while (i < to) {
            char c = line.charAt(i);
            if (q == '"' && c == '\\') {
                return false;
            }
            if (c == q) {
                if (q == '\'' && i + 1 < to && line.charAt(i + 1) == '\'') {
                    if (out != null) {
                        out.append('\'');
                    }
                    i += 2;
                    continue;
                }
                int after = i + 1;
                while (after < to && Character.isWhitespace(line.charAt(after))) {
                    after++;
                }
                return after == to || line.charAt(after) == '#';
            }
            if (out != null) {
                out.append(c);
            }
            i++;
        }
        return false;
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

    /**
     * Plain scalars YAML 1.1 reads as null, a boolean or a number (SnakeYAML's implicit resolvers, as Jackson applies
     * them): left to the full parser. Only the first character decides whether a pattern can match at all.
     */
    private static boolean mayResolveToNonString(String plain) {
        if (plain.isEmpty()) {
            return true;
        }
        return switch (plain.charAt(0)) {
            case '~' -> true;
            case 'y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O' -> Resolver.BOOL.matcher(plain).matches()
                    || Resolver.NULL.matcher(plain).matches();
            case '-', '+', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' ->
                    Resolver.INT.matcher(plain).matches() || Resolver.FLOAT.matcher(plain).matches();
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
