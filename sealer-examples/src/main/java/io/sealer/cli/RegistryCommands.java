package io.sealer.cli;

import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The registry commands: {@code push}, {@code pull}, {@code login} and {@code logout}. */
final class RegistryCommands {
    private RegistryCommands() {
    }

    static List<Command> all() {
        return List.of(new Push(), new Pull(), new Login(), new Logout());
    }

    /** {@code sealer push NAME}. */
    static final class Push extends NamedCommand {
        Push() {
            super("push", "Push a cluster image (every platform) to its registry",
                    "push NAME");
        }

        @Override
        public int run(List<String> arguments, CliContext context) {
            CliArgs args = CliArgs.parse(arguments, Set.of(), Set.of(), Map.of());
            if (args.positional().size() != 1) {
                throw new UsageException("push needs exactly one NAME");
            }
            String name = args.positional().get(0);
            String digest = context.client().push(name);
            context.out().println("pushed " + ImageReference.parse(name).familiarName() + " " + digest);
            return 0;
        }
    }

    /** {@code sealer pull NAME [--platform p[,p...]]}. */
    static final class Pull extends NamedCommand {
        Pull() {
            super("pull", "Pull a cluster image from its registry",
                    "pull NAME [--platform os/arch[,os/arch...]]");
        }

        @Override
        public int run(List<String> arguments, CliContext context) {
            CliArgs args = CliArgs.parse(arguments, Set.of("--platform"), Set.of(), Map.of());
            if (args.positional().size() != 1) {
                throw new UsageException("pull needs exactly one NAME");
            }
            List<Platform> platforms = new ArrayList<>();
            for (String list : args.options("--platform")) {
                for (String platform : list.split(",")) {
                    platforms.add(BuildCommand.parsePlatform(platform.trim()));
                }
            }
            for (ClusterImage image : context.client().pull(args.positional().get(0), platforms)) {
                context.printImage("pulled", image, " " + image.id());
            }
            return 0;
        }
    }

    /** {@code sealer login REGISTRY -u USER (-p PASS | --password-stdin)}. */
    static final class Login extends NamedCommand {
        Login() {
            super("login", "Log in to a registry (stores the credentials in the docker config.json)",
                    "login REGISTRY -u USER (-p PASSWORD | --password-stdin)");
        }

        @Override
        public int run(List<String> arguments, CliContext context) throws IOException {
            CliArgs args = CliArgs.parse(arguments, Set.of("-u", "-p"), Set.of("--password-stdin"),
                    Map.of("--username", "-u", "--password", "-p"));
            if (args.positional().size() != 1) {
                throw new UsageException("login needs exactly one REGISTRY");
            }
            String user = args.option("-u").orElseThrow(() -> new UsageException("login needs -u USER"));
            String password;
            if (args.flag("--password-stdin")) {
                if (args.option("-p").isPresent()) {
                    throw new UsageException("--password and --password-stdin are mutually exclusive");
                }
                password = new String(context.in().readAllBytes(), StandardCharsets.UTF_8).strip();
            } else {
                password = args.option("-p").orElseThrow(() -> new UsageException(
                        "login needs -p PASSWORD or --password-stdin"));
                context.err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
            }
            if (password.isEmpty()) {
                throw new UsageException("the password is empty");
            }
            String registry = args.positional().get(0);
            String location = context.client().login(registry, user, password);
            context.out().println("Login Succeeded (credentials for " + registry + " stored in " + location + ")");
            return 0;
        }
    }

    /** {@code sealer logout REGISTRY}. */
    static final class Logout extends NamedCommand {
        Logout() {
            super("logout", "Remove the stored credentials of a registry",
                    "logout REGISTRY");
        }

        @Override
        public int run(List<String> arguments, CliContext context) {
            CliArgs args = CliArgs.parse(arguments, Set.of(), Set.of(), Map.of());
            if (args.positional().size() != 1) {
                throw new UsageException("logout needs exactly one REGISTRY");
            }
            String registry = args.positional().get(0);
            boolean removed = context.client().logout(registry);
            context.out().println(removed ? "Removing login credentials for " + registry
                    : "Not logged in to " + registry);
            return 0;
        }
    }
}
