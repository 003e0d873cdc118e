package io.sealer.ssh.internal.connect;

import io.sealer.api.ssh.SshSettings;
import io.sealer.ssh.internal.hostkey.HostKeyPreference;
import io.sealer.ssh.internal.hostkey.KnownHostsFile;
import io.sealer.ssh.internal.hostkey.KnownHostsVerifier;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.compression.Compression;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The one {@link SshClient} of a connector: AEAD ciphers first ({@code aes128-gcm@openssh.com}, then
 * {@code chacha20-poly1305@openssh.com}), compression only when the settings ask, OpenSSH keep-alives, host keys
 * verified against {@code known_hosts}, and nothing read from {@code ~/.ssh/config} or loaded as an identity behind
 * the connector's back.
 */
final class ClientFactory {
    /** Keep-alives without an answer after which a session is given up (OpenSSH's ServerAliveCountMax). */
    static final int KEEP_ALIVE_MISSES = 3;

    private ClientFactory() {
    }

    static SshClient create(SshSettings settings) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setCipherFactories(ciphers());
        client.setCompressionFactories(compressions(settings.compression()));
        KnownHostsFile knownHosts = new KnownHostsFile(settings.knownHosts());
        client.setServerKeyVerifier(new KnownHostsVerifier(knownHosts, settings.acceptNewHostKeys()));
        client.addSessionListener(new HostKeyPreference(knownHosts));
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        if (!settings.keepAliveInterval().isZero() && !settings.keepAliveInterval().isNegative()) {
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, settings.keepAliveInterval());
            CoreModuleProperties.HEARTBEAT_REQUEST.set(client, "keepalive@openssh.com");
            CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, KEEP_ALIVE_MISSES);
        }
        // pooled sessions live as long as the connector; a dead one is noticed by keep-alives or on next use
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, settings.connectTimeout());
        // MINA's own bound a little later than the connector's, so that a slow login is reported as a timeout
        CoreModuleProperties.AUTH_TIMEOUT.set(client, settings.authTimeout().plusSeconds(10));
        CoreModuleProperties.CHANNEL_OPEN_TIMEOUT.set(client, settings.authTimeout());
        return client;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<NamedFactory<Cipher>> ciphers() {
        return (List) NamedFactory.setUpBuiltinFactories(false, List.of(BuiltinCiphers.aes128gcm,
                BuiltinCiphers.cc20p1305_openssh, BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128ctr,
                BuiltinCiphers.aes192ctr, BuiltinCiphers.aes256ctr));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<NamedFactory<Compression>> compressions(boolean on) {
        return (List) (on ? List.of(BuiltinCompressions.delayedZlib, BuiltinCompressions.zlib,
                BuiltinCompressions.none) : List.of(BuiltinCompressions.none));
    }
}
