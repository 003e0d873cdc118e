package io.sealer.cli;

import io.sealer.core.SealerClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sealer login REGISTRY -u USER (-p PASSWORD | --password-stdin)}: checks and stores credentials. */
@Command(name = "login",
        description = "Log in to a registry: check the credentials and store them in the docker config.json.")
final class LoginCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "REGISTRY", description = "The registry, HOST[:PORT].")
    String registryName;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "User name (required).")
    String user;

    @Option(names = {"-p", "--password", "--passwd"}, paramLabel = "PASSWORD",
            description = "Password; visible to other users of this machine, prefer --password-stdin.")
    String password;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Mixin
    RegistryOptions registry;

    @Override
    public Integer call() throws IOException {
        if (user == null) {
            throw usageError("login needs -u USER");
        }
        String secret;
        if (passwordStdin) {
            if (password != null) {
                throw usageError("--password and --password-stdin are mutually exclusive");
            }
            secret = new String(sealer.terminal().in().readAllBytes(), StandardCharsets.UTF_8).strip();
        } else {
            if (password == null) {
                throw usageError("login needs -p PASSWORD or --password-stdin");
            }
            secret = password;
            if (!quiet()) {
                err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
            }
        }
        if (secret.isEmpty()) {
            throw usageError("the password is empty");
        }
        String location;
        try (SealerClient client = sealer.openClient(registry.applyTo(sealer.registrySettings()).build())) {
            location = client.registry().login(registryName, user, secret);
        }
        out().println("Login Succeeded (credentials for " + registryName + " stored in " + location + ")");
        return 0;
    }
}
