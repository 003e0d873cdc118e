package io.sealer.api.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to reach hosts over SSH. Host keys are verified against {@link #knownHosts()} by default: an unknown host fails
 * (with the key's type and SHA256 fingerprint and how to accept it) unless {@link #acceptNewHostKeys()} is set, in
 * which case its key is recorded there (trust on first use); a changed key always fails.
 *
 * @param knownHosts the OpenSSH {@code known_hosts} file to verify host keys against and record accepted ones in
 * @param acceptNewHostKeys whether a host missing from {@code knownHosts} is trusted on first use and recorded
 * @param identityFiles private keys tried when a host's credentials name none ({@code ~/.ssh/id_ed25519},
 *     {@code id_ecdsa}, {@code id_rsa} by default; missing files are skipped)
 * @param connectTimeout bound on opening the TCP connection
 * @param authTimeout bound on the SSH handshake and authentication
 * @param commandTimeout default bound on one remote command (a command may set its own)
 * @param keepAliveInterval how often an idle session is probed; zero turns keep-alive off
 * @param compression whether to compress the stream (off by default: a LAN is faster than a CPU)
 * @param maxParallelHosts bound on hosts worked on at once by one operation
 */
public record SshSettings(Path knownHosts, boolean acceptNewHostKeys, List<Path> identityFiles,
        Duration connectTimeout, Duration authTimeout, Duration commandTimeout, Duration keepAliveInterval,
        boolean compression, int maxParallelHosts) {

    public SshSettings {
        Objects.requireNonNull(knownHosts, "knownHosts");
        identityFiles = List.copyOf(identityFiles);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(authTimeout, "authTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        if (maxParallelHosts < 1) {
            throw new IllegalArgumentException("maxParallelHosts must be at least 1");
        }
    }

    /** Defaults: {@code ~/.ssh/known_hosts}, strict host keys, {@code ~/.ssh/id_*}, 10 s, 30 s, 10 min, 15 s. */
    public static SshSettings defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.knownHosts = knownHosts;
        builder.acceptNewHostKeys = acceptNewHostKeys;
        builder.identityFiles = new ArrayList<>(identityFiles);
        builder.connectTimeout = connectTimeout;
        builder.authTimeout = authTimeout;
        builder.commandTimeout = commandTimeout;
        builder.keepAliveInterval = keepAliveInterval;
        builder.compression = compression;
        builder.maxParallelHosts = maxParallelHosts;
        return builder;
    }

    /** Builds {@link SshSettings}. */
    public static final class Builder {
        private static final Path SSH_DIR = Path.of(System.getProperty("user.home", "/root"), ".ssh");

        private Path knownHosts = SSH_DIR.resolve("known_hosts");
        private boolean acceptNewHostKeys;
        private List<Path> identityFiles = new ArrayList<>(List.of(SSH_DIR.resolve("id_ed25519"),
                SSH_DIR.resolve("id_ecdsa"), SSH_DIR.resolve("id_rsa")));
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration authTimeout = Duration.ofSeconds(30);
        private Duration commandTimeout = Duration.ofMinutes(10);
        private Duration keepAliveInterval = Duration.ofSeconds(15);
        private boolean compression;
        private int maxParallelHosts = 16;

        private Builder() {
        }

        /** The {@code known_hosts} file. */
        public Builder knownHosts(Path file) {
            this.knownHosts = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Trust hosts missing from {@code known_hosts} on first use and record their keys there. */
        public Builder acceptNewHostKeys(boolean value) {
            this.acceptNewHostKeys = value;
            return this;
        }

        /** The private keys tried when a host's credentials name none, replacing the defaults. */
        public Builder identityFiles(List<Path> files) {
            this.identityFiles = new ArrayList<>(files);
            return this;
        }

        /** Bound on opening the TCP connection. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "value");
            return this;
        }

        /** Bound on the handshake and authentication. */
        public Builder authTimeout(Duration value) {
            this.authTimeout = Objects.requireNonNull(value, "value");
            return this;
        }

        /** Default bound on one remote command. */
        public Builder commandTimeout(Duration value) {
            this.commandTimeout = Objects.requireNonNull(value, "value");
            return this;
        }

        /** How often an idle session is probed; zero turns keep-alive off. */
        public Builder keepAliveInterval(Duration value) {
            this.keepAliveInterval = Objects.requireNonNull(value, "value");
            return this;
        }

        /** Compress the stream. */
        public Builder compression(boolean value) {
            this.compression = value;
            return this;
        }

        /** Bound on hosts worked on at once. */
        public Builder maxParallelHosts(int value) {
            this.maxParallelHosts = value;
            return this;
        }

        /** The settings. */
        public SshSettings build() {
            return new SshSettings(knownHosts, acceptNewHostKeys, identityFiles, connectTimeout, authTimeout,
                    commandTimeout, keepAliveInterval, compression, maxParallelHosts);
        }
    }
}
