package io.sealer.core.internal.discovery;

/**
 * Makes Helm templates render without a cluster, as {@code helm template} does.
 *
 * <p>{@code helm template} renders with {@code DryRunOption "true"} and {@code ClientOnly}; Helm then renders with a
 * plain {@code engine.Engine}, whose {@code lookup} returns an empty map. helm-java's {@code Helm.template()} (0.0.15,
 * and its latest release) passes {@code DryRun} and {@code ClientOnly} but no {@code DryRunOption}, which its native
 * side turns into {@code "none"}; Helm's {@code install} then counts the render as one that talks to the cluster
 * ({@code interactWithRemote}) and gives the engine a REST config, so every {@code lookup} asks the cluster of the
 * default kubeconfig ({@code localhost:8080} without one; worse, a real cluster's secrets when the build machine has
 * one). helm-java has no option to change that (its {@code TemplateOptions} has no dry-run option nor kubeconfig, and
 * its {@code install --dry-run=client} reports a release, not the manifests), and the kubeconfig comes from the
 * process environment, which a running JVM cannot change.
 *
 * <p>So the templates Helm renders are rewritten first: each call of the template function {@code lookup} becomes
 * {@code pick (dict)}, which takes the same string arguments and returns an empty map, exactly what client-only
 * {@code lookup} returns (so {@code (lookup ...).data} is empty and {@code if not (lookup ...)} is true). Only
 * identifiers inside actions ({@code {{ ... }}}) change: not text, strings, comments, fields ({@code .lookup}) or
 * variables ({@code $lookup}). Strings that charts render with {@code tpl} (from values) are not rewritten.
 */
final class ClientOnlyTemplates {
    static final String LOOKUP = "lookup";
    /** A function call taking {@code lookup}'s four strings and returning an empty map. */
    static final String EMPTY_LOOKUP = "pick (dict)";

    private ClientOnlyTemplates() {
    }

    /** Whether {@code template} may call {@code lookup} (a cheap test: it mentions the word). */
    static boolean mayLookUp(String template) {
        return template.contains(LOOKUP);
    }

    /** {@code template} with every call of {@code lookup} replaced by {@link #EMPTY_LOOKUP}. */
    static String rewrite(String template) {
        if (!mayLookUp(template)) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 16);
        int n = template.length();
        int i = 0;
        while (i < n) {
            int open = template.indexOf("{{", i);
            if (open < 0) {
                out.append(template, i, n);
                break;
            }
            out.append(template, i, open + 2);
            i = action(template, open + 2, out);
        }
        return out.toString();
    }

    /** Copies the action starting at {@code from} (after its {@code {{}) to {@code out}; returns where it ends. */
    private static int action(String text, int from, StringBuilder out) {
        int n = text.length();
        int i = from;
        if (text.startsWith("- ", i)) {
            out.append("- ");
            i += 2;
        }
        if (text.startsWith("/*", i)) {
            int close = text.indexOf("*/", i + 2);
            int end = close < 0 ? n : close + 2;
            out.append(text, i, end);
            return end;
        }
        char previous = ' ';
        while (i < n) {
            char c = text.charAt(i);
            if (c == '}' && text.startsWith("}}", i)) {
                out.append("}}");
                return i + 2;
            }
            if (c == '"' || c == '`' || c == '\'') {
                int end = literalEnd(text, i);
                out.append(text, i, end);
                previous = c;
                i = end;
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                boolean call = previous != '.' && previous != '$' && end - i == LOOKUP.length()
                        && text.startsWith(LOOKUP, i);
                out.append(call ? EMPTY_LOOKUP : text.substring(i, end));
                previous = 'a';
                i = end;
                continue;
            }
            out.append(c);
            previous = c;
            i++;
        }
        return n;
    }

    /** The index after the string, raw string or character literal starting at {@code from}. */
    private static int literalEnd(String text, int from) {
        char quote = text.charAt(from);
        int i = from + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
                continue;
            }
            if (c == quote) {
                return i + 1;
            }
            i++;
        }
        return text.length();
    }
}
