package io.sealer.cli;

import io.sealer.api.registry.RegistrySettings;
import io.sealer.api.ssh.SshSettings;
import io.sealer.core.SealerClient;
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
        footer = {"", "Exit status: 0 success, 1 the operation failed, 2 wrong usage, 130 interrupted."},
        subcommands = {BuildCommand.class, DiscoverCommand.class, ImagesCommand.class, InspectCommand.class,
            TagCommand.class, RmiCommand.class, SaveCommand.class, LoadCommand.class, PruneCommand.class,
            PushCommand.class, PullCommand.class, LoginCommand.class, LogoutCommand.class, RunCommand.class,
            ApplyCommand.class, JoinCommand.class, DeleteCommand.class, ExecCommand.class, CheckCommand.class, ValidateCommand.class,
            VersionCommand.class, CompletionCommand.class, HelpCommand.class})
final class SealerCommand implements Callable<Integer> {
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
        if (debug) {
            System.setProperty(LOG_LEVEL_PROPERTY, "debug");
        } else if (quiet) {
            System.setProperty(LOG_LEVEL_PROPERTY, "error");
        }
        return new CommandLine.RunLast().execute(parseResult);
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
