package io.sealer.ssh.internal.exec;

import io.sealer.api.HostException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out how a host's login user gets root's privilege: none needed for {@code root}; {@code sudo -n} when
 * {@code sudo -n true} succeeds; else {@code sudo -S} with the user's password, checked once with {@code true}.
 */
public final class SudoCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SudoCheck.class);

    private SudoCheck() {
    }

    /**
     * How {@code user}'s privileged scripts run on the host of {@code shell}.
     *
     * @param password the user's password, or {@code null}
     * @throws HostException when the user cannot get root's privilege
     */
    public static Privilege decide(String user, String password, RemoteShell shell, Duration timeout) {
        if (user.equals("root")) {
            return Privilege.NONE;
        }
        RemoteShell.Captured probe = shell.run("sudo -n true", Privilege.NONE, new byte[0], timeout);
        if (probe.succeeded()) {
            LOG.debug("{}: {} runs commands through sudo without a password", shell.host(), user);
            return Privilege.SUDO;
        }
        if (probe.exitCode() == 127) {
            throw new HostException(shell.host(), "user " + user + " is not root and the host has no sudo; log in as"
                    + " root or install sudo", null);
        }
        if (password == null) {
            throw new HostException(shell.host(), "user " + user + " is not root and sudo asks for a password: give"
                    + " the user's password (it is fed to sudo -S on standard input) or allow the user sudo without"
                    + " a password; sudo said: " + probe.reason(), null);
        }
        Privilege withPassword = Privilege.sudoWithPassword(password);
        RemoteShell.Captured check = shell.run("true", withPassword, new byte[0], timeout);
        if (!check.succeeded()) {
            throw new HostException(shell.host(), "sudo refused the password of user " + user + ": "
                    + check.reason(), null);
        }
        LOG.debug("{}: {} runs commands through sudo with the password", shell.host(), user);
        return withPassword;
    }
}
