package io.sealer.cli;

import io.sealer.api.cluster.ApplyOptions;
import io.sealer.api.event.ProgressListener;
import io.sealer.api.ssh.SshSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How a command works on hosts, shared by {@code run}, {@code apply}, {@code join}, {@code delete} and {@code exec}:
 * parallelism, the step timeout and the host-key policy. Defaults come from the SDK ({@link Defaults}).
 */
final class ApplyFlags {
    @Option(names = "--parallelism", paramLabel = "N",
            description = "Hosts worked on at the same time, at most (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--step-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Bound on each remote step, e.g. 90s, 30m, 1h30m (default: ${DEFAULT-VALUE}).")
    Duration stepTimeout;

    @Option(names = "--accept-new-host-keys",
            description = "Trust a host missing from the known_hosts file on first use and record its key there (by"
                    + " default an unknown host fails with its key's fingerprint; a changed key always fails).")
    boolean acceptNewHostKeys;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "The OpenSSH known_hosts file host keys are checked against (default: ${DEFAULT-VALUE}).")
    Path knownHosts;

    /** The SSH settings of these flags: the host-key policy, and the parallelism as the bound on hosts at once. */
    SshSettings sshSettings(CliCommand command) {
        check(command);
        SshSettings.Builder settings = SshSettings.builder().acceptNewHostKeys(acceptNewHostKeys)
                .maxParallelHosts(parallelism);
        if (knownHosts != null) {
            settings.knownHosts(command.path(knownHosts));
        }
        return settings.build();
    }

    /** The apply options of these flags, reporting to {@code listener}. */
    ApplyOptions options(CliCommand command, ProgressListener listener) {
        check(command);
        return new ApplyOptions(parallelism, stepTimeout == null ? ApplyOptions.DEFAULT_STEP_TIMEOUT : stepTimeout,
                listener);
    }

    private void check(CliCommand command) {
        if (parallelism < 1) {
            throw command.usageError("--parallelism expects a positive number, got " + parallelism);
        }
    }
}
