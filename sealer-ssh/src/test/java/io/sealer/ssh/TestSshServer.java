package io.sealer.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.DefaultKeyboardInteractiveAuthenticator;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An in-process SSH server on loopback for tests: real commands through {@code /bin/sh -c}, SFTP, password, public key
 * and keyboard-interactive logins. Commands run as the test's own user whatever the login user is; a fake
 * {@code sudo} (see {@link #fakeSudo}) stands in for sudo.
 */
final class TestSshServer implements AutoCloseable {
    private final SshServer server;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, List<PublicKey>> keys = new ConcurrentHashMap<>();
    private final Map<String, String> environment = new ConcurrentHashMap<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();

    private TestSshServer(List<KeyPair> hostKeys, String authMethods) throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
        server.setPasswordAuthenticator((user, password, session) -> password.equals(passwords.get(user)));
        server.setPublickeyAuthenticator((user, key, session) -> keys.getOrDefault(user, List.of()).stream()
                .anyMatch(k -> KeyUtils.compareKeys(k, key)));
        server.setKeyboardInteractiveAuthenticator(new DefaultKeyboardInteractiveAuthenticator());
        if (authMethods != null) {
            CoreModuleProperties.AUTH_METHODS.set(server, authMethods);
        }
        server.setCommandFactory((channel, command) -> {
            commands.add(command);
            return new ShellCommand(command, Map.copyOf(environment));
        });
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        server.start();
    }

    /** A server with these host keys, offering every login method. */
    static TestSshServer start(KeyPair... hostKeys) throws IOException {
        return new TestSshServer(List.of(hostKeys), null);
    }

    /** A server offering only these login methods ({@code keyboard-interactive}, {@code password,publickey}). */
    static TestSshServer withAuthMethods(String methods, KeyPair... hostKeys) throws IOException {
        return new TestSshServer(List.of(hostKeys), methods);
    }

    int port() {
        return server.getPort();
    }

    /** {@code 127.0.0.1:port}. */
    String address() {
        return "127.0.0.1:" + port();
    }

    TestSshServer password(String user, String password) {
        passwords.put(user, password);
        return this;
    }

    TestSshServer key(String user, PublicKey key) {
        keys.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(key);
        return this;
    }

    /** Sets a variable of the commands' environment. */
    TestSshServer env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Puts {@code dir} first on the commands' {@code PATH}. */
    TestSshServer pathFirst(Path dir) {
        environment.put("PATH", dir + ":" + environment.get("PATH"));
        return this;
    }

    /** Replaces the commands' {@code PATH}. */
    TestSshServer path(String path) {
        environment.put("PATH", path);
        return this;
    }

    /** The exec requests received so far. */
    List<String> commands() {
        return new ArrayList<>(commands);
    }

    /** Drops every connection at once, as a network failure would. */
    void dropSessions() throws IOException {
        for (Session session : server.getActiveSessions()) {
            session.close(true).await(5_000);
        }
    }

    /** The negotiated value of {@code option} on the (first) active session. */
    String negotiated(org.apache.sshd.common.kex.KexProposalOption option) {
        return server.getActiveSessions().get(0).getNegotiatedKexParameter(option);
    }

    int activeSessions() {
        return server.getActiveSessions().size();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /**
     * Writes a fake {@code sudo} into {@code dir}: {@code -n} fails unless {@code FAKE_SUDO_MODE=nopasswd}; {@code -S}
     * reads one line and runs the command when it is {@code FAKE_SUDO_PASSWORD}; every run is logged (without the
     * password) to {@code FAKE_SUDO_LOG}.
     */
    static Path fakeSudo(Path dir) throws IOException {
        Path sudo = dir.resolve("sudo");
        Files.writeString(sudo, """
                #!/bin/bash
                nonint=0; stdin=0
                while [ $# -gt 0 ]; do
                  case "$1" in
                    -n) nonint=1; shift ;;
                    -S) stdin=1; shift ;;
                    -p) shift 2 ;;
                    --) shift; break ;;
                    -*) shift ;;
                    *) break ;;
                  esac
                done
                [ -n "$FAKE_SUDO_LOG" ] && echo "sudo nonint=$nonint stdin=$stdin $1" >> "$FAKE_SUDO_LOG"
                if [ "$FAKE_SUDO_MODE" = nopasswd ]; then exec "$@"; fi
                if [ $nonint = 1 ]; then echo "sudo: a password is required" >&2; exit 1; fi
                if [ $stdin = 1 ]; then
                  IFS= read -r pw
                  if [ "$pw" = "$FAKE_SUDO_PASSWORD" ]; then exec "$@"; fi
                  echo "Sorry, try again." >&2
                  exit 1
                fi
                echo "sudo: no tty present and no askpass program specified" >&2
                exit 1
                """);
        sudo.toFile().setExecutable(true);
        return sudo;
    }

    /** A directory of links to every program on {@code PATH} but {@code tar}: a host without tar. */
    static Path pathWithoutTar(Path dir) throws IOException {
        return pathWithout(dir, "tar");
    }

    /** A directory of links to every program on {@code PATH} but {@code missing}. */
    static Path pathWithout(Path dir, String... missing) throws IOException {
        Map<String, Path> programs = new HashMap<>();
        for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path folder = Path.of(entry);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (var stream = Files.list(folder)) {
                stream.filter(Files::isExecutable).forEach(p -> programs.putIfAbsent(p.getFileName().toString(), p));
            }
        }
        for (String program : missing) {
            programs.remove(program);
        }
        for (Map.Entry<String, Path> program : programs.entrySet()) {
            Files.createSymbolicLink(dir.resolve(program.getKey()), program.getValue());
        }
        return dir;
    }
}
