package io.sealer.cli;

import io.sealer.api.SealerException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sealer} command-line program. Global options come before the command:
 * {@code --root DIR} (or the {@code SEALER_ROOT} environment variable) sets the store root.
 *
 * <p>Exit codes: 0 success, 1 the operation failed (the message says why), 2 wrong usage.
 */
public final class SealerCli {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    /**
     * @param out standard output
     * @param err standard error
     * @param environment environment variables (for {@code SEALER_ROOT})
     * @param workingDir directory relative paths are resolved against
     */
    public SealerCli(PrintStream out, PrintStream err, Map<String, String> environment, Path workingDir) {
        this.out = out;
        this.err = err;
        this.environment = Map.copyOf(environment);
        this.workingDir = workingDir;
        List<Command> all = new ArrayList<>(List.of(new BuildCommand(), new ImagesCommand(), new InspectCommand()));
        all.addAll(StoreCommands.all());
        all.add(new ValidateCommand());
        all.add(new VersionCommand());
        for (Command command : all) {
            commands.put(command.name(), command);
        }
    }

    public static void main(String[] args) {
        SealerCli cli = new SealerCli(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath());
        System.exit(cli.run(args));
    }

    /** Runs the program and returns its exit code. */
    public int run(String... argv) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        String root = environment.get("SEALER_ROOT");
        while (!args.isEmpty() && args.get(0).startsWith("-")) {
            String option = args.remove(0);
            if (option.equals("-h") || option.equals("--help")) {
                printHelp(out);
                return 0;
            } else if (option.equals("--root") && !args.isEmpty()) {
                root = args.remove(0);
            } else if (option.startsWith("--root=")) {
                root = option.substring("--root=".length());
            } else {
                err.println("sealer: unknown global option " + option);
                printHelp(err);
                return 2;
            }
        }
        if (args.isEmpty()) {
            printHelp(err);
            return 2;
        }
        String name = args.remove(0);
        if (name.equals("help")) {
            printHelp(out);
            return 0;
        }
        Command command = commands.get(name);
        if (command == null) {
            err.println("sealer: unknown command \"" + name + "\"");
            printHelp(err);
            return 2;
        }
        // global options may also follow the command word
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--root") && i + 1 < args.size()) {
                root = args.get(++i);
            } else if (arg.startsWith("--root=")) {
                root = arg.substring("--root=".length());
            } else {
                rest.add(arg);
            }
        }
        CliContext context = new CliContext(out, err, root == null || root.isEmpty() ? null
                : workingDir.resolve(root).normalize(), workingDir);
        try {
            return command.run(rest, context);
        } catch (UsageException e) {
            err.println("sealer " + name + ": " + e.getMessage());
            err.println("usage: sealer " + command.usage());
            return 2;
        } catch (SealerException e) {
            err.println("sealer " + name + ": " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("sealer " + name + ": " + e);
            return 1;
        }
    }

    private void printHelp(PrintStream stream) {
        stream.println("usage: sealer [--root DIR] COMMAND [ARGS...]");
        stream.println();
        stream.println("Commands:");
        for (Command command : commands.values()) {
            stream.printf("  %-10s %s%n", command.name(), command.summary());
        }
        stream.println();
        stream.println("Global options:");
        stream.println("  --root DIR  store root (default: $SEALER_ROOT, else /var/lib/sealer for root, ~/.sealer)");
    }
}
