package io.sealer.core.internal.apply;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces secrets by {@code ***} in text bound for events and messages: known values (longest first, so a secret
 * that contains another goes whole) and, for the output of {@code kubeadm init}, the values kubeadm prints before
 * anyone knows them (bootstrap tokens and certificate keys). Immutable.
 */
final class Redaction {
    /** A kubeadm bootstrap token, {@code [a-z0-9]{6}.[a-z0-9]{16}}. */
    private static final Pattern BOOTSTRAP_TOKEN = Pattern.compile("\\b[a-z0-9]{6}\\.[a-z0-9]{16}\\b");
    /** A certificate key: 64 hex digits that are not a {@code sha256:} hash (the CA hash is public). */
    private static final Pattern CERTIFICATE_KEY = Pattern.compile("(?<![0-9a-fA-F:])[0-9a-f]{64}(?![0-9a-fA-F])");

    private final List<String> secrets;
    private final boolean kubeadmOutput;

    private Redaction(Collection<String> secrets, boolean kubeadmOutput) {
        this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        this.kubeadmOutput = kubeadmOutput;
    }

    /** Redacts these values. */
    static Redaction of(Collection<String> secrets) {
        return new Redaction(secrets, false);
    }

    /** This redaction, also of bootstrap tokens and certificate keys wherever they appear. */
    Redaction withKubeadmOutput() {
        return new Redaction(secrets, true);
    }

    /** This redaction with more values. */
    Redaction and(Collection<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Set<String> all = new LinkedHashSet<>(secrets);
        all.addAll(more);
        return new Redaction(all, kubeadmOutput);
    }

    /** {@code text} without secrets. */
    String apply(String text) {
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, "***");
        }
        if (kubeadmOutput) {
            redacted = BOOTSTRAP_TOKEN.matcher(redacted).replaceAll("***");
            redacted = CERTIFICATE_KEY.matcher(redacted).replaceAll("***");
        }
        return redacted;
    }

    /** Each line without secrets. */
    List<String> apply(List<String> lines) {
        return lines.stream().map(this::apply).toList();
    }
}
