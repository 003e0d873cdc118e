package io.sealer.ssh.internal.connect;

import java.util.Locale;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.session.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers keyboard-interactive authentication with the password: every hidden prompt that asks for a password (PAM's
 * {@code Password:}) gets it; any other prompt (a one-time code) cannot be answered, so the method fails.
 */
final class PasswordPrompts implements UserInteraction {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordPrompts.class);

    private final String password;

    PasswordPrompts(String password) {
        this.password = password;
    }

    @Override
    public boolean isInteractionAllowed(ClientSession session) {
        return password != null;
    }

    @Override
    public String[] interactive(ClientSession session, String name, String instruction, String lang,
            String[] prompt, boolean[] echo) {
        String[] answers = new String[prompt.length];
        for (int i = 0; i < prompt.length; i++) {
            if (password == null || echo[i] || !prompt[i].toLowerCase(Locale.ROOT).contains("password")) {
                LOG.debug("cannot answer the keyboard-interactive prompt \"{}\"", prompt[i]);
                return null;
            }
            answers[i] = password;
        }
        return answers;
    }

    @Override
    public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
        LOG.warn("the host asks for a new password (\"{}\"); change it on the host first", prompt);
        return null;
    }

    @Override
    public void welcome(ClientSession session, String banner, String lang) {
        LOG.debug("banner: {}", banner);
    }
}
