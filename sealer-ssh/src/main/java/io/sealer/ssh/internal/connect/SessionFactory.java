package io.sealer.ssh.internal.connect;

import io.sealer.api.HostException;
import io.sealer.api.HostUnreachableException;
import io.sealer.api.cluster.SshCredentials;
import io.sealer.api.ssh.SshSettings;
import io.sealer.ssh.internal.exec.Durations;
import io.sealer.ssh.internal.hostkey.HostKeyTarget;
import io.sealer.ssh.internal.hostkey.KnownHostsVerifier;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens authenticated sessions with the connector's {@link SshClient}: TCP connect within the connect timeout, key
 * exchange (host key verified) and authentication within the auth timeout, keys first, then keyboard-interactive
 * and password. Failures become {@link HostException}s that say what went wrong and never show a secret.
 */
final class SessionFactory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);

    private final SshClient client;
    private final SshSettings settings;

    SessionFactory(SshSettings settings) {
        this.settings = settings;
        this.client = ClientFactory.create(settings);
        client.start();
    }

    /** An authenticated session to {@code target}. */
    ClientSession open(HostTarget target, SshCredentials credentials, Identities identities) {
        long started = System.nanoTime();
        AtomicReference<String> hostKeyProblem = new AtomicReference<>();
        AttributeRepository context = AttributeRepository.ofAttributesMap(Map.of(
                HostKeyTarget.KEY, new HostKeyTarget(target.host(), target.port()),
                KnownHostsVerifier.PROBLEM, hostKeyProblem));
        ConnectFuture connecting;
        try {
            connecting = client.connect(target.user(), target.host(), target.port(), context);
            if (!connecting.await(settings.connectTimeout())) {
                connecting.cancel();
                throw new HostUnreachableException(target.address(), "no answer from " + hostPort(target) + " within "
                        + Durations.text(settings.connectTimeout()), null);
            }
        } catch (IOException e) {
            throw new HostUnreachableException(target.address(), "cannot connect to " + target + ": " + e.getMessage(),
                    e);
        }
        if (!connecting.isConnected()) {
            Throwable cause = connecting.getException();
            throw new HostUnreachableException(target.address(), "cannot connect to " + hostPort(target) + ": "
                    + connectProblem(cause), cause);
        }
        ClientSession session = connecting.getSession();
        try {
            identities.keys().forEach(session::addPublicKeyIdentity);
            String password = credentials.password();
            if (password != null) {
                session.addPasswordIdentity(password);
            }
            session.setUserInteraction(new PasswordPrompts(password));
            long authStarted = System.nanoTime();
            AuthFuture auth = session.auth();
            boolean done = auth.await(settings.authTimeout());
            if (hostKeyProblem.get() != null) {
                throw new HostException(target.address(), hostKeyProblem.get(), null);
            }
            boolean late = System.nanoTime() - authStarted >= settings.authTimeout().toNanos();
            if (!done || !auth.isSuccess() && late) {
                throw new HostException(target.address(), "no SSH handshake and login with " + hostPort(target)
                        + " within " + Durations.text(settings.authTimeout()), null);
            }
            if (!auth.isSuccess()) {
                throw new HostException(target.address(), "cannot log in as " + target.user() + " (tried "
                        + tried(identities, password) + ")" + authProblem(auth.getException()), null);
            }
        } catch (IOException e) {
            close(session);
            throw new HostException(target.address(), "cannot log in to " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(session);
            throw e;
        }
        LOG.info("{}: connected as {} in {} ms ({}, {})", target.address(), target.user(),
                (System.nanoTime() - started) / 1_000_000, cipher(session), session.getServerVersion());
        return session;
    }

    @Override
    public void close() {
        client.stop();
    }

    private static String hostPort(HostTarget target) {
        return (target.host().contains(":") ? "[" + target.host() + "]" : target.host()) + ":" + target.port();
    }

    private static String connectProblem(Throwable cause) {
        Throwable root = cause;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            if (root instanceof ConnectException || root instanceof UnknownHostException
                    || root instanceof NoRouteToHostException || root instanceof UnresolvedAddressException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
            return "the host name does not resolve";
        }
        if (root instanceof ConnectException) {
            return "connection refused (is sshd running on that port?)";
        }
        return root == null ? "unknown error" : root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getMessage();
    }

    private static String tried(Identities identities, String password) {
        List<String> tried = new ArrayList<>();
        for (String name : identities.names()) {
            tried.add("key " + name);
        }
        if (password != null) {
            tried.add("password");
            tried.add("keyboard-interactive");
        }
        return tried.isEmpty() ? "nothing: no key or password was given, and no identity file exists"
                : String.join(", ", tried);
    }

    private static String authProblem(Throwable cause) {
        if (cause == null || cause.getMessage() == null) {
            return "";
        }
        return ": " + cause.getMessage();
    }

    private static String cipher(ClientSession session) {
        try {
            return String.valueOf(session.getNegotiatedKexParameter(
                    org.apache.sshd.common.kex.KexProposalOption.C2SENC));
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static void close(ClientSession session) {
        try {
            session.close(true);
        } catch (RuntimeException ignored) {
            // closing a failed session is best effort
        }
    }

    /** The identities of {@code credentials}, for {@code target}. */
    Identities identities(HostTarget target, SshCredentials credentials) {
        return Identities.load(target.address(), credentials, settings.identityFiles());
    }
}
