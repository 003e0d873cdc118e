package io.sealer.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code sealer} command-line program. Global options ({@code --root DIR}, {@code --config PATH},
 * {@code --debug}, {@code --quiet}) may come before or after the command.
 *
 * <p>Exit codes: 0 success, 1 the operation failed (one line says why), 2 wrong usage (one line and a hint).
 */
public final class SealerCli {
    private final Terminal terminal;
    private volatile SealerCommand current;
    private volatile boolean running;

    /**
     * @param out standard output
     * @param err standard error
     * @param environment environment variables ({@code SEALER_ROOT}, {@code DOCKER_CONFIG})
     * @param workingDir directory relative paths are resolved against
     */
    public SealerCli(PrintStream out, PrintStream err, Map<String, String> environment, Path workingDir) {
        this(out, err, InputStream.nullInputStream(), environment, workingDir);
    }

    /**
     * @param out standard output
     * @param err standard error
     * @param in standard input ({@code login --password-stdin}, the confirmation of {@code delete})
     * @param environment environment variables ({@code SEALER_ROOT}, {@code DOCKER_CONFIG})
     * @param workingDir directory relative paths are resolved against
     */
    public SealerCli(PrintStream out, PrintStream err, InputStream in, Map<String, String> environment,
            Path workingDir) {
        this(new Terminal(out, err, in, environment, workingDir, false));
    }

    /** A program talking to {@code terminal}; an interactive one shows live progress and asks before deleting. */
    SealerCli(Terminal terminal) {
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        SealerCli cli = new SealerCli(new Terminal(System.out, System.err, System.in, System.getenv(),
                Path.of("").toAbsolutePath(), System.console() != null));
        Runtime.getRuntime().addShutdownHook(new Thread(cli::interrupted, "sealer-interrupt"));
        WarmUp.startFor(args);
        System.exit(cli.run(args));
    }

    /**
     * On SIGINT or SIGTERM while a command runs: stops the commands it started (a RUN's shell), lets the SDK delete
     * the operation's temporary files and release its leases, and says {@code interrupted}. Nothing when the command
     * had already finished.
     */
    void interrupted() {
        SealerCommand command = current;
        if (!running || command == null) {
            return;
        }
        command.markInterrupted();
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        command.abandonClients();
        terminal.err().println("sealer: interrupted");
        terminal.err().flush();
    }

    /** Runs the program and returns its exit code. */
    public int run(String... args) {
        SealerCommand quickSealer = new SealerCommand(terminal);
        Optional<BuildCommand> build = QuickBuildLine.parse(quickSealer, new Defaults(terminal), args);
        if (build.isPresent()) {
            return runQuick(quickSealer, build.get(), args);
        }
        CommandLine commandLine = commandLine(args);
        running = true;
        try {
            return commandLine.execute(args);
        } finally {
            running = false;
            commandLine.getOut().flush();
            commandLine.getErr().flush();
            terminal.out().flush();
            terminal.err().flush();
        }
    }

    /**
     * Runs a build read without picocli ({@link QuickBuildLine}) as picocli would run it: the log level first, a usage
     * error with the hint to the command's help (exit 2), a failure as one line (exit 1).
     */
    private int runQuick(SealerCommand sealer, BuildCommand build, String... args) {
        current = sealer;
        build.lineWhenNeeded = () -> {
            CommandLine line = commandLine(args);
            current = sealer; // the run's own, whose clients an interruption closes
            return line.getSubcommands().get("build");
        };
        ErrorHandler errors = new ErrorHandler(sealer);
        running = true;
        try {
            sealer.applyLogLevel();
            return build.call();
        } catch (ParameterException e) {
            return errors.handleParseException(e, args);
        } catch (Exception e) {
            return errors.failed(e);
        } finally {
            running = false;
            terminal.out().flush();
            terminal.err().flush();
        }
    }

    /** The whole command tree with this program's streams, defaults and error handling. */
    CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command tree for a run with {@code args}: when they name a command (other than {@code help} and
     * {@code completion}, which need them all), only that command is added under {@code sealer}; otherwise every
     * command is.
     */
    CommandLine commandLine(String... args) {
        SealerCommand sealer = new SealerCommand(terminal);
        current = sealer;
        ErrorHandler errors = new ErrorHandler(sealer);
        CommandLine commandLine = new CommandLine(sealer);
        String word = commandWord(commandLine.getCommandSpec(), args);
        boolean one = word != null && SealerCommand.SUBCOMMANDS.containsKey(word) && !word.equals("help")
                && !word.equals("completion");
        SealerCommand.SUBCOMMANDS.forEach((name, type) -> {
            if (!one || name.equals(word)) {
                commandLine.addSubcommand(name, type);
            }
        });
        commandLine
                .setOut(writer(terminal.out()))
                .setErr(writer(terminal.err()))
                .setOverwrittenOptionsAllowed(true)
                .setDefaultValueProvider(new Defaults(terminal))
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors)
                .setExecutionStrategy(sealer::execute);
        // sealer exec CMD...: the command's own options (ls -l) belong to the command
        CommandLine exec = commandLine.getSubcommands().get("exec");
        if (exec != null) {
            exec.setStopAtPositional(true);
        }
        return commandLine;
    }

    /**
     * The first argument that is not an option of {@code sealer} nor the value of one: the command word, or null
     * (none, after {@code --}, or after the root's {@code --help} or {@code --version}).
     */
    static String commandWord(CommandSpec root, String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (arg.startsWith("-")) {
                OptionSpec option = root.findOption(arg);
                if (option != null && (option.usageHelp() || option.versionHelp())) {
                    return null; // sealer --help ...: the root's help lists every command
                }
                if (option != null && option.arity().max() > 0) {
                    i++; // its value, e.g. --root DIR
                }
                continue;
            }
            return arg;
        }
        return null;
    }

    /** A writer onto {@code stream} that keeps the stream's own character encoding. */
    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                stream.print(new String(chars, offset, length));
            }

            @Override
            public void flush() {
                stream.flush();
            }

            @Override
            public void close() {
                stream.flush();
            }
        }, true);
    }
}
