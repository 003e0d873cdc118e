package io.sealer.core.internal.kubefile;

import io.sealer.api.InvalidReferenceException;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.api.kubefile.Add;
import io.sealer.api.kubefile.App;
import io.sealer.api.kubefile.AppCmds;
import io.sealer.api.kubefile.AppDeclaration;
import io.sealer.api.kubefile.AppEnv;
import io.sealer.api.kubefile.Arg;
import io.sealer.api.kubefile.Cmd;
import io.sealer.api.kubefile.Cmds;
import io.sealer.api.kubefile.Cni;
import io.sealer.api.kubefile.Copy;
import io.sealer.api.kubefile.Csi;
import io.sealer.api.kubefile.Env;
import io.sealer.api.kubefile.From;
import io.sealer.api.kubefile.Instruction;
import io.sealer.api.kubefile.KubeVersion;
import io.sealer.api.kubefile.Label;
import io.sealer.api.kubefile.Launch;
import io.sealer.api.kubefile.Maintainer;
import io.sealer.api.kubefile.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns logical lines into {@link Instruction}s; problems are thrown as {@link ParseProblem}. One instance serves one
 * parse (it remembers the current line for warnings).
 */
final class InstructionParser {
    /** Supported instruction keywords, in the order the error message lists them. */
    static final List<String> KEYWORDS = List.of("FROM", "COPY", "ADD", "RUN", "CMD", "ARG", "LABEL", "ENV", "MAINTAINER",
            "APP", "CNI", "CSI", "LAUNCH", "CMDS", "APPCMDS", "APPENV", "KUBEVERSION");

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern FLAG_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");
    private static final Pattern PLATFORM = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+){0,2}");
    private static final Pattern STAGE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final Set<String> COPY_FLAGS = Set.of("chown", "chmod");
    private static final List<String> APP_SCHEMES = List.of(AppDeclaration.LOCAL, "http://", "https://");
    /** A source ADD would fetch: a URL of any scheme, or a git address such as {@code git@github.com:o/r.git}. */
    private static final Pattern REMOTE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*|git@.*");

    private final JsonForm json;
    private final char escape;
    private final Consumer<String> warn;
    private int currentLine;

    /**
     * @param json the JSON-form reader
     * @param escape the escape character in effect
     * @param warn receives warnings about the instruction being parsed, with its line number
     */
    InstructionParser(JsonForm json, char escape, Consumer<Warning> warn) {
        this.json = json;
        this.escape = escape;
        this.warn = message -> warn.accept(new Warning(currentLine, message));
    }

    /** A warning about the instruction starting on {@code line}. */
    record Warning(int line, String message) {
    }

    Instruction parse(LogicalLine logical) {
        currentLine = logical.line();
        String text = logical.text();
        int line = logical.line();
        int end = 0;
        while (end < text.length() && !Text.isSpace(text.charAt(end))) {
            end++;
        }
        String written = text.substring(0, end);
        String keyword = written.toUpperCase(Locale.ROOT);
        if (!KEYWORDS.contains(keyword)) {
            throw new ParseProblem("unknown instruction " + written + ": expected one of " + String.join(", ", KEYWORDS));
        }
        String rest = Text.strip(text.substring(end));
        Map<String, String> flags = new LinkedHashMap<>();
        rest = extractFlags(rest, flags);
        if (!flags.isEmpty() && !keyword.equals("FROM") && !keyword.equals("COPY") && !keyword.equals("ADD")) {
            throw new ParseProblem("flag --" + flags.keySet().iterator().next() + " is not available in " + keyword);
        }
        if (rest.isEmpty()) {
            throw new ParseProblem(keyword + " needs " + usage(keyword));
        }
        return switch (keyword) {
            case "FROM" -> from(line, text, rest, flags);
            case "COPY" -> copy(line, text, rest, flags);
            case "ADD" -> add(line, text, rest, flags);
            case "RUN" -> run(line, text, rest);
            case "CMD" -> cmd(line, text, rest);
            case "CMDS" -> new Cmds(line, text, json.parse(rest).map(this::nonEmpty).orElse(List.of(rest)));
            case "ARG" -> arg(line, text, rest);
            case "LABEL" -> new Label(line, text, keyValues("LABEL", rest, false));
            case "ENV" -> new Env(line, text, keyValues("ENV", rest, true));
            case "MAINTAINER" -> new Maintainer(line, text, rest);
            case "APP", "CNI", "CSI" -> app(keyword, line, text, rest);
            case "LAUNCH" -> launch(line, text, rest);
            case "APPCMDS" -> appCmds(line, text, rest);
            case "APPENV" -> appEnv(line, text, rest);
            case "KUBEVERSION" -> new KubeVersion(line, text, rest);
            default -> throw new IllegalStateException("unhandled keyword " + keyword);
        };
    }

    private static String usage(String keyword) {
        return switch (keyword) {
            case "FROM" -> "an image: FROM [--platform=os/arch] <image>";
            case "COPY", "ADD" -> "a source and a destination: " + keyword + " <src>... <dest>";
            case "RUN", "CMD" -> "a command";
            case "CMDS" -> "commands: CMDS [\"cmd1\", \"cmd2\"]";
            case "ARG" -> "a name: ARG <name>[=<default>]";
            case "LABEL", "ENV" -> "key=value pairs";
            case "APP", "CNI", "CSI" -> "a name and sources: " + keyword + " <name> local://<path>...";
            case "LAUNCH" -> "application names";
            case "APPCMDS" -> "an application name and commands: APPCMDS <app> [\"cmd\"]";
            case "APPENV" -> "an application name and key=value pairs";
            case "KUBEVERSION" -> "a version constraint, e.g. >=1.20.0";
            default -> "arguments";
        };
    }

    /** Moves leading {@code --name[=value]} words into {@code flags}; returns the remaining text. */
    private String extractFlags(String rest, Map<String, String> flags) {
        String remaining = rest;
        while (remaining.startsWith("--")) {
            int end = Text.wordEnd(remaining, 0, escape);
            // a bracketed list written with spaces, --platform=[linux/amd64, linux/arm64], is one value
            int eqAt = remaining.indexOf('=');
            if (eqAt > 0 && eqAt < end && remaining.startsWith("[", eqAt + 1)
                    && remaining.substring(eqAt, end).indexOf(']') < 0) {
                int close = remaining.indexOf(']', end);
                if (close > 0) {
                    end = Text.wordEnd(remaining, close, escape);
                }
            }
            String word = remaining.substring(2, end);
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            if (!FLAG_NAME.matcher(name).matches()) {
                throw new ParseProblem("invalid flag \"" + remaining.substring(0, end) + "\": expected --name=value");
            }
            flags.put(name, eq < 0 ? "" : Text.unquote(word.substring(eq + 1), escape));
            remaining = Text.stripLeading(remaining.substring(end));
        }
        return remaining;
    }

    private From from(int line, String text, String rest, Map<String, String> flags) {
        List<Platform> platforms = List.of();
        for (Map.Entry<String, String> flag : flags.entrySet()) {
            if (!flag.getKey().equals("platform")) {
                throw new ParseProblem("flag --" + flag.getKey() + " is not available in FROM: only --platform is");
            }
            platforms = platforms(flag.getValue());
        }
        List<String> words = Text.words(rest, escape);
        Optional<String> stage = Optional.empty();
        if (words.size() == 3 && words.get(1).equalsIgnoreCase("AS")) {
            if (!STAGE.matcher(words.get(2)).matches()) {
                throw new ParseProblem("invalid stage name \"" + words.get(2) + "\"");
            }
            stage = Optional.of(words.get(2));
        } else if (words.size() != 1) {
            throw new ParseProblem("FROM takes one image and an optional AS <name>, found " + words.size() + " words"
                    + commentHint(words));
        }
        String image = words.get(0);
        if (!image.equals(From.SCRATCH)) {
            try {
                ImageReference.parse(image);
            } catch (InvalidReferenceException e) {
                throw new ParseProblem(e.getMessage());
            }
        }
        return new From(line, text, image, platforms, stage);
    }

    /**
     * The value of FROM's {@code --platform}: one platform, or a list in any of sealer's spellings
     * ({@code a,b}, {@code [a,b]}, {@code "[a, b]"}), items optionally quoted, surrounding quotes already removed.
     */
    private static List<Platform> platforms(String value) {
        String list = value.strip();
        if (list.startsWith("[") && list.endsWith("]")) {
            list = list.substring(1, list.length() - 1);
        } else if (list.startsWith("[") || list.endsWith("]")) {
            throw new ParseProblem("invalid --platform \"" + value + "\": unbalanced brackets, expected"
                    + " [os/arch,os/arch]");
        }
        List<Platform> platforms = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            String name = item.strip();
            if (name.length() >= 2 && (name.charAt(0) == '"' || name.charAt(0) == '\'')
                    && name.charAt(name.length() - 1) == name.charAt(0)) {
                name = name.substring(1, name.length() - 1).strip();
            }
            if (!PLATFORM.matcher(name).matches()) {
                throw new ParseProblem("invalid --platform \"" + value + "\": expected os/arch[/variant] or a"
                        + " list such as [linux/amd64,linux/arm64]"
                        + (name.isEmpty() ? " (an item is empty)" : ", found \"" + name + "\""));
            }
            try {
                platforms.add(Platform.parse(name));
            } catch (IllegalArgumentException e) {
                throw new ParseProblem(e.getMessage());
            }
        }
        return platforms;
    }

    private Copy copy(int line, String text, String rest, Map<String, String> flags) {
        return copy(line, text, rest, flags, "COPY");
    }

    private Copy copy(int line, String text, String rest, Map<String, String> flags, String keyword) {
        for (String flag : flags.keySet()) {
            if (!COPY_FLAGS.contains(flag)) {
                throw new ParseProblem("flag --" + flag + " is not available in " + keyword
                        + ": only --chown and --chmod are");
            }
        }
        List<String> args = jsonOrWords(rest);
        if (args.size() < 2) {
            throw new ParseProblem(keyword + " needs " + usage(keyword));
        }
        for (String arg : args) {
            if (arg.isEmpty()) {
                throw new ParseProblem(keyword + " source and destination must not be empty");
            }
        }
        warnComment(args);
        return new Copy(line, text, args.subList(0, args.size() - 1), args.get(args.size() - 1), flags);
    }

    /** ADD: COPY's syntax; only local sources, since a build that fetches from the network is not reproducible. */
    private Add add(int line, String text, String rest, Map<String, String> flags) {
        Copy copy = copy(line, text, rest, flags, "ADD");
        for (String source : copy.sources()) {
            if (REMOTE.matcher(source).matches()) {
                throw new ParseProblem("ADD source \"" + source + "\" is remote: this build copies only files of the"
                        + " build context (as for APP, remote sources cannot be fetched in an air-gapped build);"
                        + " download it into the build context and ADD or COPY the local file");
            }
        }
        return new Add(line, text, copy.sources(), copy.destination(), copy.flags());
    }

    private Run run(int line, String text, String rest) {
        Optional<List<String>> exec = json.parse(rest);
        return exec.map(args -> new Run(line, text, nonEmpty(args), true))
                .orElseGet(() -> new Run(line, text, List.of(rest), false));
    }

    /**
     * CMD: the JSON form gives one command per element. Otherwise the text is one command, unless it is the v0.8
     * list form: it is split at every comma that is outside quotes, not backslash-escaped and ends a word (is
     * followed by white space, another comma or the end), when that gives two or more non-empty commands.
     */
    private Cmd cmd(int line, String text, String rest) {
        Optional<List<String>> array = json.parse(rest);
        if (array.isPresent()) {
            return new Cmd(line, text, nonEmpty(array.get()));
        }
        List<String> pieces = Text.splitListCommas(rest);
        if (pieces.size() > 1) {
            warn.accept("CMD is split at commas into " + pieces.size() + " commands (sealer v0.8 list form); quote"
                    + " the comma, or use one CMD per command, to keep it one command");
            return new Cmd(line, text, pieces);
        }
        return new Cmd(line, text, List.of(rest));
    }

    /**
     * ARG: when the text has commas outside quotes and every comma-separated piece is {@code name=value}, it is the
     * v0.8 form {@code ARG a=1, b = 2} (names and values trimmed); otherwise Docker's {@code ARG name[=value] ...}.
     */
    private Arg arg(int line, String text, String rest) {
        List<String> names = new ArrayList<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        List<String> pieces = Text.splitCommas(rest, escape);
        boolean commaForm = Text.indexOfUnquoted(rest, ',', escape) >= 0 && !pieces.isEmpty()
                && pieces.stream().allMatch(p -> Text.indexOfUnquoted(p, '=', escape) > 0);
        if (commaForm) {
            warn.accept("ARG uses the comma-separated form of sealer v0.8; prefer ARG a=1 b=2");
            for (String piece : pieces) {
                int eq = Text.indexOfUnquoted(piece, '=', escape);
                String name = Text.unquote(Text.strip(piece.substring(0, eq)), escape);
                declare(names, defaults, name, Text.unquote(Text.strip(piece.substring(eq + 1)), escape));
            }
        } else {
            for (String word : Text.rawWords(rest, escape)) {
                int eq = Text.indexOfUnquoted(word, '=', escape);
                String name = Text.unquote(eq < 0 ? word : word.substring(0, eq), escape);
                declare(names, defaults, name, eq < 0 ? null : Text.unquote(word.substring(eq + 1), escape));
            }
        }
        return new Arg(line, text, names, defaults);
    }

    private static void declare(List<String> names, Map<String, String> defaults, String name, String value) {
        requireVariable("ARG", name);
        names.remove(name);
        names.add(name);
        if (value == null) {
            defaults.remove(name);
        } else {
            defaults.remove(name);
            defaults.put(name, value);
        }
    }

    /** LABEL/ENV/APPENV pairs: {@code k=v ...}, or (not for APPENV) the old {@code k value text} form. */
    private Map<String, String> keyValues(String keyword, String rest, boolean variables) {
        Map<String, String> result = new LinkedHashMap<>();
        List<String> raw = Text.rawWords(rest, escape);
        if (Text.indexOfUnquoted(raw.get(0), '=', escape) < 0) {
            String key = Text.unquote(raw.get(0), escape);
            String value = Text.strip(rest.substring(raw.get(0).length()));
            if (value.isEmpty()) {
                throw new ParseProblem(keyword + " " + key + " has no value: expected " + keyword + " key=value");
            }
            putKey(result, keyword, key, Text.unquote(value, escape), variables);
            return result;
        }
        putPairs(result, keyword, raw, variables);
        return result;
    }

    private void putPairs(Map<String, String> result, String keyword, List<String> raw, boolean variables) {
        for (String word : raw) {
            int eq = Text.indexOfUnquoted(word, '=', escape);
            if (eq < 0) {
                throw new ParseProblem("expected key=value in " + keyword + ", found \"" + word + "\"");
            }
            putKey(result, keyword, Text.unquote(word.substring(0, eq), escape),
                    Text.unquote(word.substring(eq + 1), escape), variables);
        }
    }

    private static void putKey(Map<String, String> result, String keyword, String key, String value,
            boolean variable) {
        if (variable) {
            requireVariable(keyword, key);
        } else if (key.isEmpty()) {
            throw new ParseProblem(keyword + " key must not be empty");
        }
        result.remove(key);
        result.put(key, value);
    }

    private static void requireVariable(String keyword, String name) {
        if (!VARIABLE.matcher(name).matches()) {
            throw new ParseProblem("invalid " + keyword + " name \"" + name
                    + "\": expected letters, digits and _, not starting with a digit");
        }
    }

    private AppDeclaration app(String keyword, int line, String text, String rest) {
        List<String> args = jsonOrWords(rest);
        if (args.size() < 2) {
            throw new ParseProblem(keyword + " needs " + usage(keyword));
        }
        String name = requireAppName(args.get(0));
        List<String> sources = args.subList(1, args.size());
        for (String source : sources) {
            boolean ok = APP_SCHEMES.stream().anyMatch(s -> source.startsWith(s) && source.length() > s.length());
            if (!ok) {
                throw new ParseProblem("source \"" + source + "\" of " + keyword + " " + name
                        + " must start with local://, http:// or https://");
            }
        }
        return switch (keyword) {
            case "CNI" -> new Cni(line, text, name, sources);
            case "CSI" -> new Csi(line, text, name, sources);
            default -> new App(line, text, name, sources);
        };
    }

    private Launch launch(int line, String text, String rest) {
        List<String> apps = jsonOrWords(rest);
        if (apps.isEmpty()) {
            throw new ParseProblem("LAUNCH needs application names");
        }
        apps.forEach(InstructionParser::requireAppName);
        return new Launch(line, text, apps);
    }

    /** {@code APPCMDS app ["c1", ...]}; a rest that is not a JSON array is one command. */
    private AppCmds appCmds(int line, String text, String rest) {
        int end = Text.wordEnd(rest, 0, escape);
        String app = requireAppName(Text.unquote(rest.substring(0, end), escape));
        String commands = Text.strip(rest.substring(end));
        if (commands.isEmpty()) {
            throw new ParseProblem("APPCMDS needs " + usage("APPCMDS"));
        }
        return new AppCmds(line, text, app, json.parse(commands).map(this::nonEmpty).orElse(List.of(commands)));
    }

    private AppEnv appEnv(int line, String text, String rest) {
        Optional<List<String>> array = json.parse(rest);
        List<String> raw = array.orElseGet(() -> Text.rawWords(rest, escape));
        if (raw.size() < 2) {
            throw new ParseProblem("APPENV needs " + usage("APPENV"));
        }
        String app = requireAppName(array.isPresent() ? raw.get(0) : Text.unquote(raw.get(0), escape));
        Map<String, String> result = new LinkedHashMap<>();
        for (String item : raw.subList(1, raw.size())) {
            int eq = array.isPresent() ? item.indexOf('=') : Text.indexOfUnquoted(item, '=', escape);
            if (eq < 0) {
                throw new ParseProblem("expected key=value in APPENV, found \"" + item + "\"");
            }
            String key = item.substring(0, eq);
            String value = item.substring(eq + 1);
            putKey(result, "APPENV", array.isPresent() ? key : Text.unquote(key, escape),
                    array.isPresent() ? value : Text.unquote(value, escape), true);
        }
        return new AppEnv(line, text, app, result);
    }

    private static String requireAppName(String name) {
        if (!APP_NAME.matcher(name).matches()) {
            throw new ParseProblem("invalid application name \"" + name
                    + "\": expected letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        return name;
    }

    private List<String> jsonOrWords(String rest) {
        return json.parse(rest).orElseGet(() -> Text.words(rest, escape));
    }

    private List<String> nonEmpty(List<String> values) {
        if (values.isEmpty()) {
            throw new ParseProblem("the JSON array must not be empty");
        }
        return values;
    }

    private void warnComment(List<String> words) {
        if (words.stream().anyMatch(w -> w.startsWith("#"))) {
            warn.accept("'#' starts a comment only at the beginning of a line; here it is part of the instruction");
        }
    }

    private static String commentHint(List<String> words) {
        return words.stream().anyMatch(w -> w.startsWith("#"))
                ? " ('#' starts a comment only at the beginning of a line)" : "";
    }
}
