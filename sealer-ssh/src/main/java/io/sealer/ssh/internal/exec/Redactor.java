package io.sealer.ssh.internal.exec;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Replaces secrets (passwords, passphrases, a command's secrets) by {@code ***} in text bound for logs and messages. */
public final class Redactor {
    /** Redacts nothing. */
    public static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(Collection<String> secrets) {
        // longest first, so a secret containing another is replaced whole
        this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty())
                .distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** A redactor of these secrets ({@code null} and empty values are ignored). */
    public static Redactor of(Collection<String> secrets) {
        return new Redactor(secrets);
    }

    /** This redactor with more secrets. */
    public Redactor and(Collection<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Set<String> all = new LinkedHashSet<>(secrets);
        all.addAll(more);
        return new Redactor(all);
    }

    /** {@code text} with every secret replaced by {@code ***}. */
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, "***");
        }
        return redacted;
    }
}
