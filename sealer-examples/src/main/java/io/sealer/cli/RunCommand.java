package io.sealer.cli;

import io.sealer.api.cluster.Clusterfile;
import io.sealer.core.SealerClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sealer run IMAGE -m IPS [-n IPS] ...}: makes a Clusterfile of its flags ({@link RunClusterfile}), parses it
 * as any Clusterfile is parsed, and applies it (or prints its plan with {@code --dry-run}).
 */
@Command(name = "run", description = {"Install a cluster from a cluster image on hosts reached over SSH.",
    "Makes a Clusterfile of the flags and applies it; a failed run resumes where it stopped when run again."},
        footer = {"", "The password may come from the environment instead of the command line:",
            "  SEALER_SSH_PASSWORD=... sealer run kubernetes:v1.19.8 -m 192.168.0.2 -n 192.168.0.3-5",
            "Example: sealer run kubernetes:v1.19.8 -m 192.168.0.2,192.168.0.3 -n 192.168.0.4-192.168.0.6 -p pass"})
final class RunCommand extends ClusterCommand {
    /** The environment variable read when {@code -p} is not given. */
    static final String PASSWORD_ENV = "SEALER_SSH_PASSWORD";
    /** The source name of the Clusterfile {@code run} makes, in error messages. */
    static final String SOURCE = "sealer run flags";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?");
    private static final Pattern ENTRY = Pattern.compile("[^=\\s]+=.*", Pattern.DOTALL);

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The cluster image, e.g. kubernetes:v1.19.8.")
    String image;

    @Option(names = {"-m", "--masters"}, paramLabel = "IPS",
            description = {"Master IPs (required): comma-separated addresses and ranges, repeatable, e.g.",
                "192.168.0.2,192.168.0.3 or 192.168.0.2-192.168.0.4 or 192.168.0.2-4."})
    List<String> masters = new ArrayList<>();

    @Option(names = {"-n", "--nodes"}, paramLabel = "IPS", description = "Node IPs, in the same forms as --masters.")
    List<String> nodes = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER", defaultValue = "root",
            description = "SSH user; another user than root runs commands through sudo (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = {"-p", "--passwd"}, paramLabel = "PASSWD",
            description = {"SSH password (and a non-root user's sudo password). Visible to other users of this",
                "machine: prefer $" + PASSWORD_ENV + ", read when -p is not given."})
    String password;

    @Option(names = "--pk", paramLabel = "FILE",
            description = "SSH private key (default: ~/.ssh/id_ed25519, id_ecdsa or id_rsa, the first that exists).")
    Path privateKey;

    @Option(names = "--pk-passwd", paramLabel = "PASSPHRASE", description = "Passphrase of the --pk key.")
    String privateKeyPassword;

    @Option(names = "--port", paramLabel = "PORT", description = "SSH port (default: 22).")
    Integer port;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
            description = "Cluster environment entry, as spec.env of a Clusterfile; repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = DEFAULT_CLUSTER,
            description = "Name of the cluster (default: ${DEFAULT-VALUE}).")
    String clusterName;

    @Option(names = "--cmd-args", paramLabel = "KEY=VALUE",
            description = "Argument of the image's commands, as spec.cmd_args of a Clusterfile; repeatable.")
    List<String> cmdArgs = new ArrayList<>();

    @Mixin
    PlanFlags plan;

    @Override
    public Integer call() throws IOException {
        RunClusterfile flags = clusterfile();
        plan.check(this);
        if (password != null && !quiet()) {
            err().println("warning: a password given with -p is visible to other users of this machine; prefer $"
                    + PASSWORD_ENV);
        }
        try (SealerClient client = openClusterClient()) {
            Clusterfile clusterfile = client.clusters().parse(SOURCE, flags.yaml());
            warn(clusterfile.warnings());
            if (plan.dryRun) {
                return printPlan(plan, client.clusters().plan(clusterfile));
            }
            return apply(clusterfile.cluster().allIps(), options -> client.clusters().apply(clusterfile, options));
        }
    }

    /** The Clusterfile of the flags, checked: a usage error for a bad flag. */
    RunClusterfile clusterfile() {
        if (image == null || image.isBlank()) {
            throw usageError("run needs IMAGE, the cluster image");
        }
        if (masters.isEmpty()) {
            throw usageError("run needs -m IPS, the masters");
        }
        List<String> masterIps = ips("-m/--masters", masters);
        List<String> nodeIps = ips("-n/--nodes", nodes);
        for (String ip : nodeIps) {
            if (masterIps.contains(ip)) {
                throw usageError(ip + " is given both as a master (-m) and as a node (-n)");
            }
        }
        if (!NAME.matcher(clusterName).matches()) {
            throw usageError("--cluster-name \"" + clusterName + "\" is not a valid cluster name (letters, digits,"
                    + " '.', '_', '-'; it names a directory on the hosts)");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw usageError("--port expects a port number (1-65535), got " + port);
        }
        entries("-e/--env", env);
        entries("--cmd-args", cmdArgs);
        String key = null;
        if (privateKey != null) {
            Path file = path(privateKey);
            if (!Files.isRegularFile(file)) {
                throw usageError("--pk " + privateKey + ": no such file");
            }
            key = file.toString();
        }
        String secret = password != null ? password : sealer.terminal().env(PASSWORD_ENV).orElse(null);
        return new RunClusterfile(clusterName, image.trim(), masterIps, nodeIps, user, secret, key,
                privateKeyPassword, port, env, cmdArgs);
    }

    private void entries(String option, List<String> values) {
        for (String value : values) {
            if (!ENTRY.matcher(value).matches()) {
                throw usageError(option + " expects KEY=VALUE, got \"" + value + "\"");
            }
        }
    }
}
