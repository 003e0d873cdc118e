package io.sealer.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The real OpenSSH client ({@code ssh}) against a {@link HostBedExtension}'s hosts, isolated from the test machine's
 * SSH setup: no config file ({@code -F /dev/null}), no agent, only the given key, host keys checked strictly
 * against the given {@code known_hosts} and never recorded. Immutable: each option returns a new client.
 *
 * <pre>{@code
 * Processes.Result result = BED.ssh().user("deploy").key(BED.clientKey(SshKeyType.RSA)).run(host, "sudo -n true");
 * }</pre>
 *
 * <p>A passphrase ({@link ClientKey#passphrase()}) or a password is given to {@code ssh} through
 * {@code SSH_ASKPASS}; otherwise {@code ssh} runs with {@code BatchMode=yes}.
 */
public final class OpenSshClient {
    private final HostBedExtension bed;
    private final String user;
    private final ClientKey key;
    private final String password;
    private final Path knownHosts;
    private final List<String> options;
    private final Duration timeout;

    OpenSshClient(HostBedExtension bed) {
        this(bed, "root", bed.clientKey(), null, null, List.of(), Duration.ofSeconds(60));
    }

    private OpenSshClient(HostBedExtension bed, String user, ClientKey key, String password, Path knownHosts,
            List<String> options, Duration timeout) {
        this.bed = bed;
        this.user = user;
        this.key = key;
        this.password = password;
        this.knownHosts = knownHosts;
        this.options = List.copyOf(options);
        this.timeout = timeout;
    }

    /** Logs in as {@code user} (root by default). */
    public OpenSshClient user(String user) {
        return new OpenSshClient(bed, Objects.requireNonNull(user), key, password, knownHosts, options, timeout);
    }

    /** Logs in with this key ({@link HostBedExtension#clientKey()} by default). */
    public OpenSshClient key(ClientKey key) {
        return new OpenSshClient(bed, user, Objects.requireNonNull(key), null, knownHosts, options, timeout);
    }

    /** Logs in with this password only (no key). */
    public OpenSshClient password(String password) {
        return new OpenSshClient(bed, user, key, Objects.requireNonNull(password), knownHosts, options, timeout);
    }

    /** Checks host keys against this file instead of {@link HostBedExtension#knownHostsFile()} (read at run time). */
    public OpenSshClient knownHosts(Path file) {
        return new OpenSshClient(bed, user, key, password, Objects.requireNonNull(file), options, timeout);
    }

    /** Adds an {@code -o} option, e.g. {@code ServerAliveInterval=1}. */
    public OpenSshClient option(String option) {
        List<String> more = new ArrayList<>(options);
        more.add(Objects.requireNonNull(option));
        return new OpenSshClient(bed, user, key, password, knownHosts, more, timeout);
    }

    /** Bounds a run (60 s by default); {@code ssh} is killed after it. */
    public OpenSshClient timeout(Duration timeout) {
        return new OpenSshClient(bed, user, key, password, knownHosts, options, Objects.requireNonNull(timeout));
    }

    /** The {@code ssh} command line that runs {@code remoteCommand} on {@code host}. */
    public List<String> command(TestHost host, String remoteCommand) {
        host.requireUp();
        String secret = secret();
        List<String> command = new ArrayList<>(List.of("ssh", "-F", "/dev/null",
                "-o", "BatchMode=" + (secret == null ? "yes" : "no"),
                "-o", "UserKnownHostsFile=" + (knownHosts != null ? knownHosts : bed.knownHostsFile()),
                "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "UpdateHostKeys=no",
                "-o", "IdentityAgent=none",
                "-o", "ControlMaster=no",
                "-o", "ControlPath=none",
                "-o", "ConnectTimeout=5"));
        if (password != null) {
            command.addAll(List.of("-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password",
                    "-o", "NumberOfPasswordPrompts=1"));
        } else {
            command.addAll(List.of("-o", "IdentitiesOnly=yes", "-o", "PreferredAuthentications=publickey",
                    "-i", key.privateKey().toString()));
        }
        for (String option : options) {
            command.addAll(List.of("-o", option));
        }
        command.addAll(List.of("-p", Integer.toString(host.port()), user + "@" + host.address(), "--",
                remoteCommand));
        return command;
    }

    /** Runs {@code remoteCommand} on {@code host}; returns the result whatever the exit code (255: ssh failed). */
    public Processes.Result run(TestHost host, String remoteCommand) {
        return run(host, remoteCommand, null);
    }

    /** {@link #run(TestHost, String)} with {@code stdin} as the remote command's standard input. */
    public Processes.Result run(TestHost host, String remoteCommand, String stdin) {
        return BedCommands.run(command(host, remoteCommand), stdin, environment(), timeout);
    }

    /** {@link #run(TestHost, String)} that fails with {@code ssh}'s stderr unless it exits 0. */
    public Processes.Result check(TestHost host, String remoteCommand) {
        return BedCommands.checked(List.of("ssh " + user + "@" + host.address() + " " + remoteCommand),
                run(host, remoteCommand));
    }

    /** A process running {@code ssh} for {@code remoteCommand}, output to files the caller names. */
    public ProcessBuilder processBuilder(TestHost host, String remoteCommand) {
        ProcessBuilder builder = new ProcessBuilder(BedCommands.resolved(command(host, remoteCommand)));
        builder.environment().clear();
        builder.environment().putAll(environment());
        return builder;
    }

    private String secret() {
        return password != null ? password : key.passphrase().orElse(null);
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", BedCommands.PATH);
        environment.put("HOME", System.getProperty("user.home"));
        environment.put("LANG", "C.UTF-8");
        String secret = secret();
        if (secret != null) {
            environment.put("SSH_ASKPASS", askpass().toString());
            environment.put("SSH_ASKPASS_REQUIRE", "force");
            environment.put("SEALER_TEST_SECRET", secret);
        }
        return environment;
    }

    private Path askpass() {
        Path script = bed.workDir().resolve("askpass.sh");
        synchronized (OpenSshClient.class) {
            if (!Files.exists(script)) {
                try {
                    Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$SEALER_TEST_SECRET\"\n");
                    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return script;
    }
}
