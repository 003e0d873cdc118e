package io.sealer.ssh.internal.exec;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a privileged script is run on a host: as the login user (root), through {@code sudo -n} (no password needed) or
 * through {@code sudo -S} with the password fed on standard input, never on a command line. {@link #toString()} hides
 * the password.
 *
 * @param kind how
 * @param password the sudo password for {@link Kind#SUDO_PASSWORD}, else {@code null}
 */
public record Privilege(Kind kind, String password) {
    /** Commands run as the login user. */
    public static final Privilege NONE = new Privilege(Kind.NONE, null);
    /** Commands run through {@code sudo -n}. */
    public static final Privilege SUDO = new Privilege(Kind.SUDO, null);

    public Privilege {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.SUDO_PASSWORD) != (password != null)) {
            throw new IllegalArgumentException("a password goes with SUDO_PASSWORD only");
        }
    }

    /** Through {@code sudo -S} with this password on standard input. */
    public static Privilege sudoWithPassword(String password) {
        return new Privilege(Kind.SUDO_PASSWORD, password);
    }

    /** {@code commandLine} (a POSIX command line) run with this privilege. */
    public String wrap(String commandLine) {
        return switch (kind) {
            case NONE -> commandLine;
            case SUDO -> "sudo -n " + commandLine;
            case SUDO_PASSWORD -> "sudo -S -p '' " + commandLine;
        };
    }

    /** What goes to standard input before anything else: the password line for {@code sudo -S}. */
    public byte[] preamble() {
        return kind == Kind.SUDO_PASSWORD ? (password + "\n").getBytes(StandardCharsets.UTF_8) : new byte[0];
    }

    @Override
    public String toString() {
        return "Privilege[" + kind + "]";
    }

    /** How commands are lifted to root. */
    public enum Kind {
        /** Not at all: the login user is root. */
        NONE,
        /** {@code sudo -n}: no password needed. */
        SUDO,
        /** {@code sudo -S -p ''} with the password on standard input. */
        SUDO_PASSWORD
    }
}
