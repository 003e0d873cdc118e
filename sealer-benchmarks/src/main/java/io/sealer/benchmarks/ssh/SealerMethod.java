package io.sealer.benchmarks.ssh;

import io.sealer.it.support.HostBedExtension;
import io.sealer.it.support.TestHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * sealer's way of copying a rootfs (spec 7.3), reproduced for comparison: for every file, a new SSH connection that
 * writes it over SFTP, then a new connection that runs {@code md5sum} on it and compares the sum (sealer's
 * "failed to validate md5sum"); no host-key check, as sealer.
 */
final class SealerMethod {
    private final HostBedExtension bed;
    private final KeyPair key;

    SealerMethod(HostBedExtension bed) throws IOException {
        this.bed = bed;
        try {
            this.key = SecurityUtils.loadKeyPairIdentities(null, null,
                    Files.newInputStream(bed.clientKey().privateKey()), null).iterator().next();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    void send(TestHost host, Path dir, String remoteDir) throws Exception {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
                String remote = remoteDir + "/" + dir.relativize(file).toString().replace('\\', '/');
                try (ClientSession session = session(client, host)) {
                    exec(session, "mkdir -p " + remote.substring(0, remote.lastIndexOf('/')));
                    try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                            OutputStream out = sftp.write(remote)) {
                        Files.copy(file, out);
                    }
                }
                try (ClientSession session = session(client, host)) {
                    String sum = exec(session, "md5sum " + remote + " | cut -d\" \" -f1").strip();
                    if (!sum.equals(md5(file))) {
                        throw new IllegalStateException("failed to validate md5sum of " + remote);
                    }
                }
            }
        } finally {
            client.stop();
        }
    }

    private ClientSession session(SshClient client, TestHost host) throws IOException {
        ClientSession session = client.connect("root", host.address(), host.port()).verify(Duration.ofSeconds(10))
                .getSession();
        session.addPublicKeyIdentity(key);
        session.auth().verify(Duration.ofSeconds(10));
        return session;
    }

    private static String exec(ClientSession session, String command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ClientChannel channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(OutputStream.nullOutputStream());
            channel.open().verify(Duration.ofSeconds(10));
            channel.waitFor(List.of(ClientChannelEvent.CLOSED), Duration.ofMinutes(1));
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String md5(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    }
}
