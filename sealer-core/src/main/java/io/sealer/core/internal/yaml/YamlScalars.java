package io.sealer.core.internal.yaml;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which strings must be quoted: those a YAML 1.1 reader (go-yaml v2, sigs.k8s.io/yaml, snakeyaml) or a YAML 1.2 core
 * schema reader (go-yaml v3) would resolve to a null, a boolean, a number, a timestamp or a merge/value key.
 */
final class YamlScalars {
    private static final Set<String> KEYWORDS = Set.of("", "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES",
            "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off",
            "Off", "OFF", "<<", "=");
    private static final Pattern NUMBER = Pattern.compile(String.join("|",
            "[-+]?0b[01_]+",
            "[-+]?0o?[0-7_]+",
            "[-+]?(0|[1-9][0-9_]*)",
            "[-+]?0x[0-9a-fA-F_]+",
            "[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+",
            "[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?",
            "[-+]?[0-9][0-9_]*([eE][-+]?[0-9]+)",
            "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*",
            "[-+]?\\.(inf|Inf|INF)",
            "\\.(nan|NaN|NAN)"));
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?");

    private YamlScalars() {
    }

    /** True when a YAML reader would not read {@code text}, written plain, back as this string. */
    static boolean isAmbiguous(String text) {
        return KEYWORDS.contains(text) || NUMBER.matcher(text).matches() || TIMESTAMP.matcher(text).matches();
    }
}
