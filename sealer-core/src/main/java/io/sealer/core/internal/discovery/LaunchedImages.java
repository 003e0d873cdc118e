package io.sealer.core.internal.discovery;

import io.sealer.api.InvalidReferenceException;
import io.sealer.api.image.ImageReference;

/**
 * Images that operators launch and name only in a container's {@code args} or {@code command} items (also as
 * {@code --flag=value}) or in its {@code env[].value}s, e.g.
 * {@code --prometheus-config-reloader=quay.io/prometheus-operator/prometheus-config-reloader:v0.60.1}. Those places
 * hold every kind of string, so a value is taken only when it is a fully-qualified reference: a registry domain with
 * a dot, a port or {@code localhost}, a path, and a tag or digest; no white space, no {@code ://}. Anything else there
 * is no image and gives no warning.
 */
final class LaunchedImages {
    private LaunchedImages() {
    }

    /** The keys whose sequence items are command-line words. */
    static boolean isCommandKey(String key) {
        return "args".equals(key) || "command".equals(key);
    }

    /**
     * The cheap test run on every candidate before {@link #reference}: {@code text[from, to)} has a {@code /} and a
     * {@code :} or {@code @}.
     */
    static boolean mayHold(String text, int from, int to) {
        int slash = text.indexOf('/', from);
        if (slash < 0 || slash >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == ':' || c == '@') {
                return true;
            }
        }
        return false;
    }

    /**
     * The image reference {@code value} names (the part after the first {@code =} of a {@code -flag=value} word), or
     * null when it is not a fully-qualified reference.
     */
    static String reference(String value) {
        if (!mayHold(value, 0, value.length())) {
            return null;
        }
        String ref = value;
        if (ref.startsWith("-")) {
            int equals = ref.indexOf('=');
            if (equals < 0) {
                return null;
            }
            ref = ref.substring(equals + 1);
        }
        if (ref.isEmpty() || ref.contains("://")) {
            return null;
        }
        for (int i = 0; i < ref.length(); i++) {
            if (Character.isWhitespace(ref.charAt(i))) {
                return null;
            }
        }
        int slash = ref.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        String domain = ref.substring(0, slash);
        if (domain.indexOf('.') < 0 && domain.indexOf(':') < 0 && !domain.equals("localhost")) {
            return null;
        }
        int at = ref.indexOf('@');
        String name = at < 0 ? ref : ref.substring(0, at);
        if (at < 0 && name.indexOf(':', name.lastIndexOf('/')) < 0) {
            return null;
        }
        try {
            ImageReference.parse(ref);
            return ref;
        } catch (InvalidReferenceException e) {
            return null;
        }
    }
}
