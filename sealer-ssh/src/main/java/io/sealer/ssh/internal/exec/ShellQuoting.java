package io.sealer.ssh.internal.exec;

import java.util.regex.Pattern;

/** Quoting of words for the remote shells: POSIX single quotes and bash double quotes. */
public final class ShellQuoting {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ShellQuoting() {
    }

    /** {@code text} as one word for any POSIX shell: {@code 'it'\''s'}. */
    public static String single(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * {@code text} in bash double quotes, as sealer writes variable values ({@code "V"}): backslash, double quote,
     * dollar and backtick are escaped, so nothing expands; newlines stay literal.
     */
    public static String doubleQuoted(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '"' || c == '$' || c == '`') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    /** True when {@code name} can be a shell variable name. */
    public static boolean isVariableName(String name) {
        return NAME.matcher(name).matches();
    }
}
