package io.sealer.core.internal.plugin.builtin;

import java.util.regex.Pattern;

/** Quoting for the words the plugins put on command lines. */
final class ShellWords {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private ShellWords() {
    }

    /** The word as is when it holds no character the shell treats specially, else single-quoted. */
    static String quote(String word) {
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
