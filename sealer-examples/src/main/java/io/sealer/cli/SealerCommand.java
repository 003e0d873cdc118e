package io.sealer.cli;

import io.sealer.api.registry.RegistrySettings;
import io.sealer.api.ssh.SshSettings;
import io.sealer.core.SealerClient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code sealer} command itself: the global options, declared once and inherited by every subcommand so they may
 * come before or after the command word, and the one place that turns them into an SDK client.
 */
@Command(name = "sealer", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        usageHelpWidth = 110,
        description = "Build, store and ship Kubernetes cluster images, and install clusters from them.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Exit status: 0 success, 1 the operation failed, 2 wrong usage, 130 interrupted."})
final class SealerCommand implements Callable<Integer> {
    /**
     * The subcommands by name, in the order the help lists them. They are added by {@link SealerCli}, not declared in
     * the annotation, so that a run builds picocli's model of the one command it runs: reflecting on all of them
     * costs a fresh JVM about 0.1 s.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
            "build", BuildCommand.class, "discover", DiscoverCommand.class, "images", ImagesCommand.class,
            "inspect", InspectCommand.class, "tag", TagCommand.class, "rmi", RmiCommand.class,
            "save", SaveCommand.class, "load", LoadCommand.class, "prune", PruneCommand.class,
            "push", PushCommand.class, "pull", PullCommand.class, "login", LoginCommand.class,
            "logout", LogoutCommand.class, "run", RunCommand.class, "apply", ApplyCommand.class,
            "join", JoinCommand.class, "delete", DeleteCommand.class, "exec", ExecCommand.class,
            "check", CheckCommand.class, "validate", ValidateCommand.class, "version", VersionCommand.class,
            "completion", CompletionCommand.class, "help", HelpCommand.class);

    /** The slf4j-simple property read when the first logger is created. */
    static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Root of the local image store; $SEALER_ROOT, else the SDK's default "
                    + "(default: ${DEFAULT-VALUE}).")
    Path root;

    @Option(names = "--config", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "Docker config.json (or its directory) with registry credentials "
                    + "(default: $DOCKER_CONFIG/config.json, else ~/.docker/config.json).")
    Path dockerConfig;

    @Option(names = {"-d", "--debug"}, scope = ScopeType.INHERIT,
            description = "Debug logging, and the stack trace of a failure.")
    boolean debug;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only results and errors: no progress lines, no warnings.")
    boolean quiet;

    SealerCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    private static Map<String, Class<?>> subcommands(Object... nameThenClass) {
        Map<String, Class<?>> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            map.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** A bare {@code sealer}: a usage error pointing at the help. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "no command given");
    }

    Terminal terminal() {
        return terminal;
    }

    /** The execution strategy: applies the logging options before anything creates a logger, then runs. */
    int execute(ParseResult parseResult) {
        applyLogLevel();
        return new CommandLine.RunLast().execute(parseResult);
    }

    /** Sets the log level {@code --debug} or {@code --quiet} asks for; call before anything creates a logger. */
    void applyLogLevel() {
        if (debug) {
            System.setProperty(LOG_LEVEL_PROPERTY, "debug");
        } else if (quiet) {
            System.setProperty(LOG_LEVEL_PROPERTY, "error");
        }
    }

    /** Registry settings from the global options: the docker config. */
    RegistrySettings.Builder registrySettings() {
        return RegistrySettings.builder().dockerConfig(dockerConfigFile());
    }

    /** A client for the global options with default registry settings. */
    private final Set<SealerClient> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean interrupted;

    SealerClient openClient() {
        return openClient(registrySettings().build());
    }

    /** A client for the global options: store root, progress printed to stderr unless quiet. */
    SealerClient openClient(RegistrySettings registry) {
        SealerClient.Builder builder = SealerClient.builder().registrySettings(registry);
        if (!quiet) {
            builder.listener(ProgressPrinter.to(terminal.err()));
        }
        return open(builder);
    }

    /**
     * A client for the global options that reaches hosts with {@code ssh} (the host-key policy of the cluster
     * commands). It has no listener of its own: the command gives each call its own, which shows hosts and steps.
     */
    SealerClient openClusterClient(SshSettings ssh) {
        return open(SealerClient.builder().registrySettings(registrySettings().build()).sshSettings(ssh));
    }

    private SealerClient open(SealerClient.Builder builder) {
        if (root != null) {
            builder.storeRoot(terminal.path(root));
        }
        SealerClient client = builder.build();
        clients.add(client);
        return client;
    }

    /** Closes every client this run opened: the SDK abandons the operations still running. */
    void abandonClients() {
        clients.forEach(SealerClient::close);
    }

    /** Marks the run as interrupted: its failure is then not reported (the interruption is). */
    void markInterrupted() {
        interrupted = true;
    }

    /** True after {@link #markInterrupted()}. */
    boolean interrupted() {
        return interrupted;
    }

    /** {@code --config} (or {@code DOCKER_CONFIG}): a {@code .json} file, or a directory holding config.json. */
    private Optional<Path> dockerConfigFile() {
        if (dockerConfig == null) {
            return Optional.empty();
        }
        Path path = terminal.path(dockerConfig);
        return Optional.of(path.getFileName() != null && path.getFileName().toString().endsWith(".json")
                ? path : path.resolve("config.json"));
    }
}
