package io.sealer.core.internal.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values a plan learns while it runs (the join token kubeadm prints, each host's name), and the placeholders
 * ({@code @@name@@}) that stand for them in step texts. Immutable.
 */
public final class Facts {
    /** The bootstrap token of {@code kubeadm join}. */
    public static final String TOKEN = "token";
    /** The {@code sha256:} hash of the cluster CA, for {@code --discovery-token-ca-cert-hash}. */
    public static final String CA_HASH = "ca-hash";
    /** The key that decrypts the uploaded control-plane certificates. */
    public static final String CERT_KEY = "cert-key";

    private static final Pattern PLACEHOLDER = Pattern.compile("@@([a-z0-9.:_-]+)@@");
    private static final Set<String> SECRET_NAMES = Set.of(TOKEN, CERT_KEY);
    private static final Pattern TOKEN_FLAG = Pattern.compile("--token\\s+(\\S+)");
    private static final Pattern HASH_FLAG = Pattern.compile("--discovery-token-ca-cert-hash\\s+(\\S+)");
    private static final Pattern KEY_FLAG = Pattern.compile("--certificate-key\\s+(\\S+)");

    private final Map<String, String> values;

    private Facts(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** No facts. */
    public static Facts none() {
        return new Facts(Map.of());
    }

    /** These facts. */
    public static Facts of(Map<String, String> values) {
        return new Facts(values);
    }

    /** The placeholder of a fact. */
    public static String placeholder(String name) {
        return "@@" + name + "@@";
    }

    /** The fact naming the host's node name. */
    public static String hostname(String host) {
        return "hostname:" + host;
    }

    /** Every value by name. */
    public Map<String, String> values() {
        return values;
    }

    /** One value. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** These facts and {@code more} (later values win). */
    public Facts with(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(values);
        all.putAll(more);
        return new Facts(all);
    }

    /** The values that must never be shown (the token, the certificate key). */
    public Set<String> secrets() {
        return values.entrySet().stream().filter(e -> SECRET_NAMES.contains(e.getKey())).map(Map.Entry::getValue)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * {@code text} with every placeholder replaced by its value.
     *
     * @throws IllegalStateException naming the first placeholder with no value
     */
    public String render(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for " + matcher.group(1) + " yet");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** {@code text} with placeholders shown as {@code <name>}, for a dry run. */
    public static String forDisplay(String text) {
        return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement("<" + m.group(1) + ">"));
    }

    /** The names of the placeholders in {@code text}. */
    public static List<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(m -> m.group(1)).toList();
    }

    /**
     * Reads the join values from {@code kubeadm init} or {@code kubeadm token create --print-join-command} output.
     * The certificate key appears only in the first ({@code --upload-certs}).
     *
     * @return the values found; empty when the output has no join command
     */
    public static Map<String, String> parseJoin(List<String> output) {
        String text = String.join("\n", output).replace("\\\n", " ");
        Map<String, String> found = new LinkedHashMap<>();
        first(TOKEN_FLAG, text).ifPresent(v -> found.put(TOKEN, v));
        first(HASH_FLAG, text).ifPresent(v -> found.put(CA_HASH, v));
        first(KEY_FLAG, text).ifPresent(v -> found.put(CERT_KEY, v));
        return found;
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
