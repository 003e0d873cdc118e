package io.sealer.it.support;

import java.util.Objects;
import java.util.Optional;

/**
 * A non-root user the host bed creates on every host (in that host's own {@code /etc/passwd}), with a home under
 * {@code /home}, a login shell, every authorized client key, and optionally sudo rights.
 *
 * @param name the login name
 * @param password the login password (also what {@code sudo} asks for), or empty for key-only login
 * @param sudo what the user may do with {@code sudo}
 */
public record TestUser(String name, Optional<String> password, Sudo sudo) {
    /** The user's sudo rights. */
    public enum Sudo {
        /** Not in sudoers: {@code sudo} refuses. */
        NONE,
        /** {@code ALL=(ALL:ALL) ALL}: {@code sudo} asks for the user's password. */
        WITH_PASSWORD,
        /** {@code ALL=(ALL:ALL) NOPASSWD:ALL}: {@code sudo -n} works. */
        NOPASSWD
    }

    public TestUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(sudo, "sudo");
        if (!name.matches("[a-z_][a-z0-9_-]{0,30}") || name.equals("root")) {
            throw new IllegalArgumentException("not a usable test user name: " + name);
        }
        password.ifPresent(TestUser::checkPassword);
        if (sudo == Sudo.WITH_PASSWORD && password.isEmpty()) {
            throw new IllegalArgumentException("sudo with a password needs the user to have one: " + name);
        }
    }

    /** The user's home directory on the hosts. */
    public String home() {
        return "/home/" + name;
    }

    static void checkPassword(String password) {
        if (password.isEmpty() || password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0
                || password.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a test password must be one non-empty line");
        }
    }

    @Override
    public String toString() {
        return "TestUser[" + name + ", password=" + (password.isPresent() ? "***" : "none") + ", sudo=" + sudo + "]";
    }
}
