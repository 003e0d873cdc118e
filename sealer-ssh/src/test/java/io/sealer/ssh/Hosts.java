package io.sealer.ssh;

import io.sealer.api.cluster.SshCredentials;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.event.ProgressListener;
import io.sealer.api.spi.HostConnector;
import io.sealer.api.ssh.SshSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/** Test helpers: settings with a temporary known_hosts, recording it, credentials, event capture. */
final class Hosts {
    static final String USER = "root";
    static final String PASSWORD = "pa$$ 'w\"ord";

    private Hosts() {
    }

    /** Settings for tests: this known_hosts, no default identities, short timeouts. */
    static SshSettings.Builder settings(Path knownHosts) {
        return SshSettings.builder().knownHosts(knownHosts).identityFiles(List.of())
                .connectTimeout(Duration.ofSeconds(5)).authTimeout(Duration.ofSeconds(20))
                .commandTimeout(Duration.ofSeconds(60)).keepAliveInterval(Duration.ofSeconds(2));
    }

    /** Records {@code hostKey} for the server in {@code knownHosts}, as ssh-keyscan would. */
    static void trust(Path knownHosts, TestSshServer server, KeyPair hostKey) throws IOException {
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(hostKey.getPublic())
                + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    static SshCredentials password(String user, String password) {
        return new SshCredentials(user, password, null, null, null);
    }

    static SshCredentials key(String user, Path key, String passphrase) {
        return new SshCredentials(user, null, key.toString(), passphrase, null);
    }

    static HostConnector connector(SshSettings settings) {
        return new MinaHostConnectorProvider().create(settings);
    }

    /** Records every event. */
    static class Events implements ProgressListener {
        final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(ProgressEvent event) {
            events.add(event);
        }

        List<String> lines(ProgressEvent.Stream stream) {
            return events.stream().filter(e -> e instanceof ProgressEvent.LogLine l && l.stream() == stream)
                    .map(e -> ((ProgressEvent.LogLine) e).line()).toList();
        }

        /** Every text the events carry. */
        String text() {
            StringBuilder all = new StringBuilder();
            for (ProgressEvent event : events) {
                all.append(event).append('\n');
            }
            return all.toString();
        }
    }
}
