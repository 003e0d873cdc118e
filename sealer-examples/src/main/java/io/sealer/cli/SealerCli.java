package io.sealer.cli;

import io.sealer.api.SealerException;
import java.io.InputStream;
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
    private final InputStream in;
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
        this(out, err, InputStream.nullInputStream(), environment, workingDir);
    }

    /**
     * @param out standard output
     * @param err standard error
     * @param in standard input (for {@code login --password-stdin})
     * @param environment environment variables ({@code SEALER_ROOT}, {@code DOCKER_CONFIG})
     * @param workingDir directory relative paths are resolved against
     */
    public SealerCli(PrintStream out, PrintStream err, InputStream in, Map<String, String> environment,
            Path workingDir) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.environment = Map.copyOf(environment);
        this.workingDir = workingDir;
        List<Command> all = new ArrayList<>(List.of(new BuildCommand(), new ImagesCommand(), new InspectCommand()));
        all.addAll(StoreCommands.all());
        all.addAll(RegistryCommands.all());
        all.add(new ValidateCommand());
        all.add(new VersionCommand());
        for (Command command : all) {
            commands.put(command.name(), command);
        }
    }

    public static void main(String[] args) {
        SealerCli cli = new SealerCli(System.out, System.err, System.in, System.getenv(),
                Path.of("").toAbsolutePath());
        System.exit(cli.run(args));
    }

    /** Runs the program and returns its exit code. */
    public int run(String... argv) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        Globals globals = new Globals();
        globals.root = environment.get("SEALER_ROOT");
        String dockerConfigDir = environment.get("DOCKER_CONFIG");
        if (dockerConfigDir != null && !dockerConfigDir.isBlank()) {
            globals.dockerConfig = workingDir.resolve(dockerConfigDir).resolve("config.json").normalize();
        }
        while (!args.isEmpty() && args.get(0).startsWith("-")) {
            String option = args.get(0);
            if (option.equals("-h") || option.equals("--help")) {
                printHelp(out);
                return 0;
            }
            int used = globals.take(args, 0);
            if (used == 0) {
                err.println("sealer: unknown global option " + option);
                printHelp(err);
                return 2;
            }
            args.subList(0, used).clear();
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
            if (args.get(i).equals("--")) {
                rest.addAll(args.subList(i, args.size()));
                break;
            }
            int used = globals.take(args, i);
            if (used == 0) {
                rest.add(args.get(i));
            } else {
                i += used - 1;
            }
        }
        CliContext context = new CliContext(out, err, in, globals.root == null || globals.root.isEmpty() ? null
                : workingDir.resolve(globals.root).normalize(), workingDir, globals.insecure,
                java.util.Optional.ofNullable(globals.dockerConfig));
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
        stream.println("usage: sealer [--root DIR] [--config PATH] [--insecure-registry HOST]... COMMAND [ARGS...]");
        stream.println();
        stream.println("Commands:");
        for (Command command : commands.values()) {
            stream.printf("  %-10s %s%n", command.name(), command.summary());
        }
        stream.println();
        stream.println("Global options:");
        stream.println("  --root DIR  store root (default: $SEALER_ROOT, else /var/lib/sealer for root, ~/.sealer)");
        stream.println("  --config PATH  docker config.json (or its directory) with registry credentials"
                + " (default: $DOCKER_CONFIG/config.json, else ~/.docker/config.json)");
        stream.println("  --insecure-registry HOST[:PORT]  allow plain HTTP to this registry (repeatable)");
    }

    /** The global options: store root, docker config and insecure registries. */
    private final class Globals {
        private String root;
        private Path dockerConfig;
        private final java.util.Set<String> insecure = new java.util.LinkedHashSet<>();

        /** Consumes the global option at {@code i}; returns how many arguments it used (0: not a global option). */
        int take(List<String> args, int i) {
            String arg = args.get(i);
            for (String option : List.of("--root", "--config", "--insecure-registry")) {
                if (arg.equals(option)) {
                    if (i + 1 >= args.size()) {
                        return 0;
                    }
                    set(option, args.get(i + 1));
                    return 2;
                }
                if (arg.startsWith(option + "=")) {
                    set(option, arg.substring(option.length() + 1));
                    return 1;
                }
            }
            return 0;
        }

        private void set(String option, String value) {
            switch (option) {
                case "--root" -> root = value;
                case "--config" -> {
                    Path path = workingDir.resolve(value).normalize();
                    dockerConfig = value.endsWith(".json") ? path : path.resolve("config.json");
                }
                default -> insecure.add(value);
            }
        }
    }
}
