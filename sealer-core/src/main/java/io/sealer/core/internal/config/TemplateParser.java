package io.sealer.core.internal.config;

import io.sealer.api.BuildException;
import io.sealer.core.internal.config.ActionLexer.Kind;
import io.sealer.core.internal.config.ActionLexer.Token;
import io.sealer.core.internal.config.TemplateNode.Branch;
import io.sealer.core.internal.config.TemplateNode.Command;
import io.sealer.core.internal.config.TemplateNode.Conditional;
import io.sealer.core.internal.config.TemplateNode.Dot;
import io.sealer.core.internal.config.TemplateNode.Field;
import io.sealer.core.internal.config.TemplateNode.Function;
import io.sealer.core.internal.config.TemplateNode.Literal;
import io.sealer.core.internal.config.TemplateNode.Nested;
import io.sealer.core.internal.config.TemplateNode.Operand;
import io.sealer.core.internal.config.TemplateNode.Pipeline;
import io.sealer.core.internal.config.TemplateNode.Print;
import io.sealer.core.internal.config.TemplateNode.Text;
import io.sealer.core.internal.config.TemplateNode.Where;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Parses the subset of Go's {@code text/template} that sealer's images use: text, <code>{{ pipeline }}</code>,
 * <code>{{ if }}</code>, <code>{{ else if }}</code>, <code>{{ else }}</code>, <code>{{ end }}</code>, comments,
 * the trim markers <code>{{-</code> and <code>-}}</code>, fields ({@code .Key}), the env itself ({@code .}), string
 * and boolean constants, parentheses, and the functions {@link #FUNCTIONS}. Anything else is a
 * {@link BuildException} naming the file and line, as is malformed syntax.
 */
final class TemplateParser {
    /** The functions templates may call: sealer's {@code b64enc}/{@code b64dec} and Go's built-ins that fit strings. */
    static final Set<String> FUNCTIONS = Set.of("b64enc", "b64dec", "or", "and", "not", "eq", "ne", "index");

    private static final Set<String> UNSUPPORTED_KEYWORDS = Set.of("range", "with", "define", "template", "block",
            "break", "continue", "nil");
    private static final String SUPPORTED = "sealer's templates support fields (.Key), index, if/else/end, comments"
            + " and the functions b64enc, b64dec, or, and, not, eq, ne";

    private final String source;
    private final String text;
    private final Deque<Block> blocks = new ArrayDeque<>();

    private TemplateParser(String source, String text) {
        this.source = source;
        this.text = text;
        blocks.push(new Block(null, null));
    }

    /**
     * The nodes of a template.
     *
     * @param source the template's file name, for messages
     * @throws BuildException naming the file and line of malformed or unsupported template syntax
     */
    static List<TemplateNode> parse(String source, String text) {
        return new TemplateParser(source, text).parse();
    }

    private List<TemplateNode> parse() {
        int pos = 0;
        int line = 1;
        boolean trimNext = false;
        while (true) {
            int open = text.indexOf("{{", pos);
            String piece = open < 0 ? text.substring(pos) : text.substring(pos, open);
            if (trimNext) {
                piece = trimLeading(piece);
            }
            if (open < 0) {
                addText(piece);
                break;
            }
            int actionLine = line + newlines(pos, open);
            boolean trimLeft = text.startsWith("-", open + 2) && open + 3 < text.length()
                    && isSpace(text.charAt(open + 3));
            if (trimLeft) {
                piece = trimTrailing(piece);
            }
            addText(piece);
            int start = open + (trimLeft ? 4 : 2);
            int end;
            if (text.startsWith("/*", start)) {
                end = commentEnd(start, actionLine);
                trimNext = text.charAt(end - 3) == '-';
            } else {
                int close = closing(start);
                if (close < 0) {
                    throw error(actionLine, "action " + excerpt(open) + " has no closing }}");
                }
                String inside = text.substring(start, close);
                trimNext = inside.length() >= 2 && inside.endsWith("-") && isSpace(inside.charAt(inside.length() - 2));
                if (trimNext) {
                    inside = inside.substring(0, inside.length() - 1);
                }
                end = close + 2;
                action(inside, new Where(actionLine, text.substring(open, end)));
            }
            line = actionLine + newlines(open, end);
            pos = end;
        }
        Block top = blocks.peek();
        if (top.where != null) {
            throw error(top.where.line(), top.where.action() + " has no {{ end }}");
        }
        return top.nodes;
    }

    private void addText(String piece) {
        if (!piece.isEmpty()) {
            blocks.peek().current().add(new Text(piece));
        }
    }

    /** The index after the comment's closing delimiter: star-slash, then the action's end with or without a trim. */
    private int commentEnd(int start, int line) {
        int close = text.indexOf("*/", start + 2);
        if (close < 0) {
            throw error(line, "comment has no closing */");
        }
        int after = close + 2;
        if (text.startsWith("}}", after)) {
            return after + 2;
        }
        if (after < text.length() && isSpace(text.charAt(after)) && text.startsWith("-}}", after + 1)) {
            return after + 4;
        }
        throw error(line, "comment ends before the closing delimiter: write */}} or */ -}}");
    }

    /** The index of the {@code }}} that closes an action, skipping string constants. */
    private int closing(int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
            } else if (c == '`') {
                int end = text.indexOf('`', i + 1);
                i = end < 0 ? text.length() : end;
            } else if (c == '}' && text.startsWith("}}", i)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private void action(String inside, Where where) {
        List<Token> tokens = ActionLexer.tokens(inside, problem -> error(where, problem));
        if (tokens.isEmpty()) {
            throw error(where, "empty action");
        }
        Token first = tokens.get(0);
        if (first.kind() == Kind.IDENT) {
            switch (first.text()) {
                case "if" -> {
                    Block block = new Block(where, pipeline(tokens.subList(1, tokens.size()), where));
                    blocks.push(block);
                    return;
                }
                case "else" -> {
                    elseBranch(tokens, where);
                    return;
                }
                case "end" -> {
                    end(tokens, where);
                    return;
                }
                default -> {
                    if (UNSUPPORTED_KEYWORDS.contains(first.text())) {
                        throw error(where, first.text() + " is not supported; " + SUPPORTED);
                    }
                }
            }
        }
        blocks.peek().current().add(new Print(pipeline(tokens, where), where));
    }

    private void elseBranch(List<Token> tokens, Where where) {
        Block block = blocks.peek();
        if (block.where == null) {
            throw error(where, "{{ else }} outside an {{ if }}");
        }
        if (block.otherwise != null) {
            throw error(where, "{{ else }} after the {{ else }} of " + block.where.action() + " (line "
                    + block.where.line() + ")");
        }
        if (tokens.size() == 1) {
            block.otherwise = new ArrayList<>();
        } else if (tokens.get(1).kind() == Kind.IDENT && tokens.get(1).text().equals("if")) {
            block.branch(where, pipeline(tokens.subList(2, tokens.size()), where));
        } else {
            throw error(where, "else must stand alone or be followed by if");
        }
    }

    private void end(List<Token> tokens, Where where) {
        if (tokens.size() != 1) {
            throw error(where, "{{ end }} takes nothing after it");
        }
        Block block = blocks.peek();
        if (block.where == null) {
            throw error(where, "{{ end }} without an {{ if }}");
        }
        blocks.pop();
        blocks.peek().current().add(block.toNode());
    }

    private Pipeline pipeline(List<Token> tokens, Where where) {
        return pipeline(tokens, new int[] {0}, false, where);
    }

    private Pipeline pipeline(List<Token> tokens, int[] next, boolean nested, Where where) {
        List<Command> commands = new ArrayList<>();
        List<Operand> words = new ArrayList<>();
        while (next[0] < tokens.size()) {
            Token token = tokens.get(next[0]);
            if (token.kind() == Kind.CLOSE) {
                if (!nested) {
                    throw error(where, "unexpected )");
                }
                break;
            }
            next[0]++;
            switch (token.kind()) {
                case PIPE -> {
                    commands.add(command(words, commands.size(), where));
                    words = new ArrayList<>();
                }
                case OPEN -> {
                    Pipeline inner = pipeline(tokens, next, true, where);
                    if (next[0] >= tokens.size()) {
                        throw error(where, "( has no closing )");
                    }
                    next[0]++;
                    words.add(new Nested(inner));
                }
                case FIELD -> words.add(new Field(token.text()));
                case DOT -> words.add(new Dot());
                case STRING -> words.add(new Literal(new TemplateValue.Str(token.text())));
                case IDENT -> words.add(identifier(token.text(), words.isEmpty(), where));
                default -> throw new IllegalStateException(token.kind().name());
            }
        }
        commands.add(command(words, commands.size(), where));
        return new Pipeline(commands);
    }

    private Operand identifier(String name, boolean first, Where where) {
        switch (name) {
            case "true" -> {
                return new Literal(new TemplateValue.Bool(true));
            }
            case "false" -> {
                return new Literal(new TemplateValue.Bool(false));
            }
            case "if", "else", "end" -> throw error(where, name + " must start an action");
            default -> {
                if (UNSUPPORTED_KEYWORDS.contains(name)) {
                    throw error(where, name + " is not supported; " + SUPPORTED);
                }
                if (!FUNCTIONS.contains(name)) {
                    throw error(where, "function \"" + name + "\" is not supported; " + SUPPORTED);
                }
                if (!first) {
                    throw error(where, "function " + name + " must start a command; use parentheses: (" + name
                            + " …)");
                }
                return new Function(name);
            }
        }
    }

    private Command command(List<Operand> words, int position, Where where) {
        if (words.isEmpty()) {
            throw error(where, position == 0 ? "missing value in the action" : "missing command after |");
        }
        if (!(words.get(0) instanceof Function)) {
            if (words.size() > 1) {
                throw error(where, "only a function can take arguments");
            }
            if (position > 0) {
                throw error(where, "only a function can follow |");
            }
        }
        return new Command(words);
    }

    private int newlines(int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    private String excerpt(int from) {
        int end = Math.min(text.length(), from + 40);
        int newline = text.indexOf('\n', from);
        if (newline >= 0 && newline < end) {
            end = newline;
        }
        return text.substring(from, end) + (end < text.length() ? "…" : "");
    }

    private static String trimLeading(String piece) {
        int i = 0;
        while (i < piece.length() && isSpace(piece.charAt(i))) {
            i++;
        }
        return piece.substring(i);
    }

    private static String trimTrailing(String piece) {
        int i = piece.length();
        while (i > 0 && isSpace(piece.charAt(i - 1))) {
            i--;
        }
        return piece.substring(0, i);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private BuildException error(int line, String problem) {
        return new BuildException(source, line, problem, null);
    }

    private BuildException error(Where where, String problem) {
        return error(where.line(), where.action() + ": " + problem);
    }

    /** The template's top level, or an open {@code if}. */
    private static final class Block {
        private final Where where;
        private final List<TemplateNode> nodes = new ArrayList<>();
        private final List<Branch> branches = new ArrayList<>();
        private Where branchWhere;
        private Pipeline condition;
        private List<TemplateNode> otherwise;

        Block(Where where, Pipeline condition) {
            this.where = where;
            this.branchWhere = where;
            this.condition = condition;
        }

        List<TemplateNode> current() {
            return otherwise != null ? otherwise : nodes;
        }

        void branch(Where at, Pipeline next) {
            branches.add(new Branch(condition, branchWhere, List.copyOf(nodes)));
            nodes.clear();
            branchWhere = at;
            condition = next;
        }

        TemplateNode toNode() {
            List<Branch> all = new ArrayList<>(branches);
            all.add(new Branch(condition, branchWhere, nodes));
            return new Conditional(all, otherwise == null ? List.of() : otherwise);
        }
    }
}
