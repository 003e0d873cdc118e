package io.sealer.core.internal.plugin.builtin;

import java.util.Optional;
import java.util.regex.Pattern;

/** Kubernetes' rules for names, as its API server applies them; each check gives the problem or nothing. */
final class KubernetesNames {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final int LABEL_MAX = 63;
    private static final int SUBDOMAIN_MAX = 253;

    private KubernetesNames() {
    }

    /** An RFC 1123 label: what kubeadm accepts as a node name from a hostname. */
    static Optional<String> dns1123LabelProblem(String name) {
        if (name.length() > LABEL_MAX) {
            return Optional.of("'" + name + "' is longer than " + LABEL_MAX + " characters");
        }
        if (!DNS_LABEL.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not an RFC 1123 label (lower-case letters, digits and '-', starting"
                    + " and ending with a letter or digit)");
        }
        return Optional.empty();
    }

    /** A qualified name ({@code [prefix/]name}): the form of label keys and taint keys. */
    static Optional<String> qualifiedNameProblem(String key) {
        int slash = key.indexOf('/');
        String name = key;
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > SUBDOMAIN_MAX || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return Optional.of("the prefix of key '" + key + "' is not a DNS subdomain (lower-case letters,"
                        + " digits, '-' and '.', at most " + SUBDOMAIN_MAX + " characters)");
            }
        }
        if (name.isEmpty() || name.length() > LABEL_MAX || !NAME.matcher(name).matches()) {
            return Optional.of("key '" + key + "' is not a qualified name (at most " + LABEL_MAX + " letters,"
                    + " digits, '-', '_' and '.', starting and ending with a letter or digit, after an optional"
                    + " DNS-subdomain prefix and '/')");
        }
        return Optional.empty();
    }

    /** A label value (also the form of taint values): empty, or a name of at most 63 characters. */
    static Optional<String> labelValueProblem(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > LABEL_MAX || !NAME.matcher(value).matches()) {
            return Optional.of("value '" + value + "' is not a label value (empty, or at most " + LABEL_MAX
                    + " letters, digits, '-', '_' and '.', starting and ending with a letter or digit)");
        }
        return Optional.empty();
    }
}
