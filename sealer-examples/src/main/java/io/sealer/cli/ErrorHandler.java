package io.sealer.cli;

import io.sealer.api.SealerException;
import io.sealer.api.StepFailedException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns what went wrong into one line on stderr, {@code sealer: ...}: a usage error (exit 2) with a hint to the
 * command's help, or a failure (exit 1). With {@code --debug} the stack trace follows.
 */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {
    /** The exit status of an interrupted command, as shells report SIGINT (128 + 2). */
    static final int INTERRUPTED = 130;
    /** The hint after a failed step. */
    static final String RESUME = "(run the same command again to resume at this step)";

    private final SealerCommand sealer;

    ErrorHandler(SealerCommand sealer) {
        this.sealer = sealer;
    }

    private PrintStream err() {
        return sealer.terminal().err();
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine where = ex.getCommandLine();
        String problem;
        CommandLine unmatchedIn = firstWithUnmatched(where);
        if (unmatchedIn != null) {
            where = unmatchedIn;
            problem = unmatched(where, where.getUnmatchedArguments().get(0), ex);
        } else if (ex instanceof MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().stream().allMatch(ArgSpec::isPositional)) {
            problem = "missing " + missing.getMissing().stream().map(ArgSpec::paramLabel)
                    .collect(Collectors.joining(" and ")) + forCommand(where);
        } else {
            // picocli's own words, e.g. "missing required option: '--output=FILE'"
            problem = decapitalize(ex.getMessage()).replace("option option", "option");
        }
        err().println("sealer: " + sentence(problem) + " See '" + where.getCommandSpec().qualifiedName()
                + " --help'.");
        if (sealer.debug) {
            ex.printStackTrace(err());
        }
        return where.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        return failed(ex);
    }

    /** A command that failed: one line, and exit status 1 ({@value #INTERRUPTED} when it was interrupted). */
    int failed(Exception ex) {
        if (sealer.interrupted()) {
            return INTERRUPTED;
        }
        err().println("sealer: " + describe(ex));
        if (sealer.debug) {
            ex.printStackTrace(err());
        }
        return CommandLine.ExitCode.SOFTWARE;
    }

    /**
     * The failure as one line: SDK errors carry their location, I/O errors name their file. A failed step of an apply
     * is the exception's lines (host, step, exit status, last output) and how to resume.
     */
    static String describe(Throwable ex) {
        if (ex instanceof StepFailedException) {
            return ex.getMessage() + "\n" + RESUME;
        }
        if (ex instanceof SealerException) {
            return ex.getMessage();
        }
        if (ex instanceof UncheckedIOException && ex.getCause() != null) {
            return describe(ex.getCause());
        }
        if (ex instanceof NoSuchFileException e) {
            return "no such file or directory: " + e.getFile();
        }
        if (ex instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (ex instanceof FileAlreadyExistsException e) {
            return "already exists: " + e.getFile();
        }
        if (ex instanceof IOException) {
            return ex.getMessage() != null ? ex.getMessage() : ex.toString();
        }
        return "unexpected error: " + ex + " (--debug shows where)";
    }

    /** The outermost command with an unknown option or argument: it explains any later missing parameter. */
    private static CommandLine firstWithUnmatched(CommandLine commandLine) {
        List<CommandLine> chain = new ArrayList<>();
        for (CommandLine c = commandLine; c != null; c = c.getParent()) {
            chain.add(c);
        }
        Collections.reverse(chain);
        return chain.stream().filter(c -> !c.getUnmatchedArguments().isEmpty()).findFirst().orElse(null);
    }

    private static String unmatched(CommandLine where, String argument, ParameterException ex) {
        String suggestion = "";
        if (ex instanceof UnmatchedArgumentException unmatched && ex.getCommandLine() == where) {
            suggestion = unmatched.getSuggestions().stream()
                    .filter(s -> distance(s, argument) <= Math.max(1, argument.length() / 3)).findFirst()
                    .map(s -> "; did you mean '" + s + "'?").orElse("");
        }
        if (argument.startsWith("-") && argument.length() > 1) {
            return "unknown option '" + argument + "'" + forCommand(where) + suggestion;
        }
        if (!where.getSubcommands().isEmpty()) {
            return "unknown command '" + argument + "'" + suggestion;
        }
        return "unexpected argument '" + argument + "'" + forCommand(where);
    }

    /** Levenshtein distance: picocli suggests any command sharing a few letters, only near misses are shown. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String forCommand(CommandLine where) {
        return where.getParent() == null ? "" : " for '" + where.getCommandName() + "'";
    }

    private static String decapitalize(String message) {
        if (message == null || message.isEmpty()) {
            return "wrong usage";
        }
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0))
                && !Character.isUpperCase(message.charAt(1))) {
            return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
        }
        return message;
    }

    private static String sentence(String text) {
        String trimmed = text.strip();
        return trimmed.endsWith(".") || trimmed.endsWith("?") ? trimmed : trimmed + ".";
    }
}
