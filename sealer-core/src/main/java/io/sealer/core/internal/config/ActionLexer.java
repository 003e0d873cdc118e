package io.sealer.core.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Splits the inside of one {@code {{ … }}} action into tokens, refusing what sealer's templates do not need. */
final class ActionLexer {
    enum Kind { PIPE, OPEN, CLOSE, FIELD, DOT, STRING, IDENT }

    record Token(Kind kind, String text) {
    }

    private final String input;
    private final Function<String, RuntimeException> problem;
    private int pos;

    private ActionLexer(String input, Function<String, RuntimeException> problem) {
        this.input = input;
        this.problem = problem;
    }

    /**
     * The tokens of an action's inside.
     *
     * @param problem makes the exception for an unsupported or malformed token
     */
    static List<Token> tokens(String input, Function<String, RuntimeException> problem) {
        return new ActionLexer(input, problem).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
                pos++;
            }
            if (pos >= input.length()) {
                return tokens;
            }
            char c = input.charAt(pos);
            switch (c) {
                case '|' -> tokens.add(single(Kind.PIPE));
                case '(' -> tokens.add(single(Kind.OPEN));
                case ')' -> tokens.add(single(Kind.CLOSE));
                case '"' -> tokens.add(new Token(Kind.STRING, quoted()));
                case '`' -> tokens.add(new Token(Kind.STRING, raw()));
                case '.' -> tokens.add(field());
                case '$' -> throw problem.apply("variables ($…) are not supported");
                case '\'' -> throw problem.apply("character constants are not supported");
                default -> {
                    if (isIdentStart(c)) {
                        tokens.add(new Token(Kind.IDENT, identifier()));
                    } else if (Character.isDigit(c) || c == '-' || c == '+') {
                        throw problem.apply("number constants are not supported; env values are strings, quote them");
                    } else if (c == ':' || c == '=' || c == ',') {
                        throw problem.apply("variable declarations and assignments are not supported");
                    } else {
                        throw problem.apply("unexpected \"" + c + "\" in the action");
                    }
                }
            }
        }
    }

    private Token single(Kind kind) {
        pos++;
        return new Token(kind, input.substring(pos - 1, pos));
    }

    private Token field() {
        pos++;
        if (pos >= input.length() || !isIdentStart(input.charAt(pos))) {
            return new Token(Kind.DOT, ".");
        }
        String name = identifier();
        if (pos < input.length() && input.charAt(pos) == '.') {
            throw problem.apply("." + name + "." + "… reaches into a value; env values are plain strings");
        }
        return new Token(Kind.FIELD, name);
    }

    private String identifier() {
        int start = pos;
        while (pos < input.length() && (isIdentStart(input.charAt(pos)) || Character.isDigit(input.charAt(pos)))) {
            pos++;
        }
        return input.substring(start, pos);
    }

    private static boolean isIdentStart(char c) {
        return c == '_' || Character.isLetter(c);
    }

    private String raw() {
        int end = input.indexOf('`', pos + 1);
        if (end < 0) {
            throw problem.apply("unterminated raw string");
        }
        String value = input.substring(pos + 1, end);
        pos = end + 1;
        return value;
    }

    private String quoted() {
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < input.length()) {
            char c = input.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\n') {
                break;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= input.length()) {
                break;
            }
            char e = input.charAt(pos++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case '\\', '"', '\'' -> out.append(e);
                case 'x' -> out.appendCodePoint(hex(2));
                case 'u' -> out.appendCodePoint(hex(4));
                case 'U' -> out.appendCodePoint(hex(8));
                default -> throw problem.apply("unknown escape \\" + e + " in a string constant");
            }
        }
        throw problem.apply("unterminated string constant");
    }

    private int hex(int digits) {
        if (pos + digits > input.length()) {
            throw problem.apply("a \\x, \\u or \\U escape needs " + digits + " hex digits");
        }
        try {
            int value = Integer.parseUnsignedInt(input.substring(pos, pos + digits), 16);
            pos += digits;
            if (!Character.isValidCodePoint(value)) {
                throw problem.apply("escape is not a valid character");
            }
            return value;
        } catch (NumberFormatException e) {
            throw problem.apply("a \\x, \\u or \\U escape needs " + digits + " hex digits");
        }
    }
}
