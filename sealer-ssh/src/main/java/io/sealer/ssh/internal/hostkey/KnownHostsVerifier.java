package io.sealer.ssh.internal.hostkey;

import java.io.IOException;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies host keys against an OpenSSH {@code known_hosts} file: a known key passes; an unknown one fails with its type,
 * {@code SHA256} fingerprint and how to accept it, or (accept-new) is recorded as {@code ssh-keyscan} would write it;
 * a changed or revoked key always fails, naming the file and line of the recorded one. Why a key failed is left in
 * the holder the connection context has under {@link #PROBLEM} (session attributes are cleared when MINA closes the
 * session), for the connector's error message.
 */
public final class KnownHostsVerifier implements ServerKeyVerifier {
    /** Where the connection context takes why the host key was refused. */
    public static final AttributeKey<AtomicReference<String>> PROBLEM = new AttributeKey<>();

    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsVerifier.class);
    /** One lock per file in this JVM, so two hosts accepted at once do not race on the file. */
    private static final ConcurrentMap<java.nio.file.Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final KnownHostsFile file;
    private final boolean acceptNew;

    public KnownHostsVerifier(KnownHostsFile file, boolean acceptNew) {
        this.file = file;
        this.acceptNew = acceptNew;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        HostKeyTarget target = target(session);
        if (target == null) {
            return refuse(session, "no host name was given for " + remoteAddress);
        }
        Object lock = LOCKS.computeIfAbsent(file.path().toAbsolutePath().normalize(), p -> new Object());
        synchronized (lock) {
            List<KnownHostsFile.Line> lines;
            try {
                lines = file.read();
            } catch (IOException e) {
                return refuse(session, "cannot read the known hosts file " + file.path() + ": " + e.getMessage());
            }
            HostKeyCheck.Verdict verdict = HostKeyCheck.check(lines, target, serverKey);
            String offered = HostKeys.describe(HostKeys.type(serverKey), HostKeys.blob(serverKey));
            if (verdict instanceof HostKeyCheck.Known known) {
                LOG.debug("{}: host key {} matches {}:{}", target, offered, file.path(), known.line());
                return true;
            }
            if (verdict instanceof HostKeyCheck.Revoked revoked) {
                return refuse(session, "the host key of " + target + " (" + offered + ") is marked @revoked in "
                        + file.path() + ":" + revoked.line());
            }
            if (verdict instanceof HostKeyCheck.Changed changed) {
                return refuse(session, "THE HOST KEY OF " + target + " HAS CHANGED: the host offers " + offered
                        + ", but " + file.path() + ":" + changed.line() + " records "
                        + HostKeys.describe(changed.oldType(), changed.oldBlob()) + " for it. Someone may be"
                        + " intercepting the connection, or the host was reinstalled; if you are sure it is the"
                        + " latter, remove the old key with \"ssh-keygen -R " + target.knownHostsName() + " -f "
                        + file.path() + "\" and connect again");
            }
            HostKeyCheck.Unknown unknown = (HostKeyCheck.Unknown) verdict;
            if (acceptNew) {
                try {
                    file.append(HostKeys.knownHostsLine(target, serverKey));
                } catch (IOException e) {
                    return refuse(session, "cannot record the host key of " + target + " (" + offered + ") in "
                            + file.path() + ": " + e.getMessage());
                }
                LOG.warn("{}: recorded the new host key {} in {}", target, offered, file.path());
                return true;
            }
            return refuse(session, "the host key of " + target + " is not known: the host offers " + offered
                    + ", and " + file.path() + " has no " + HostKeys.type(serverKey) + " key for "
                    + target.knownHostsName()
                    + (unknown.knownTypes().isEmpty() ? "" : " (it has " + String.join(", ", unknown.knownTypes())
                            + ")")
                    + ". Check the fingerprint, then record the key with \"ssh-keyscan -p " + target.port() + " "
                    + target.host() + " >> " + file.path() + "\", or turn on accepting new host keys"
                    + " (SshSettings.acceptNewHostKeys) to record keys of hosts not seen before");
        }
    }

    private static HostKeyTarget target(ClientSession session) {
        AttributeRepository context = session.getConnectionContext();
        return context == null ? null : context.getAttribute(HostKeyTarget.KEY);
    }

    private static boolean refuse(ClientSession session, String problem) {
        LOG.debug("host key refused: {}", problem);
        AttributeRepository context = session.getConnectionContext();
        AtomicReference<String> holder = context == null ? null : context.getAttribute(PROBLEM);
        if (holder != null) {
            holder.set(problem);
        }
        return false;
    }
}
