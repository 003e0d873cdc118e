package io.sealer.core.internal.kubectl;

import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for {@code kubectl get ... --no-headers} tables and the splitting of their lines into columns.
 */
public final class KubectlTables {
    private KubectlTables() {
    }

    /**
     * A command printing the table {@code kubectl <args>} prints on stdout, without kubectl's warnings on stderr
     * (deprecation notices, {@code No resources found}) that a host's combined output would mix into the rows. When
     * kubectl fails it runs once more with stderr kept, so the output then says why.
     *
     * @param args the arguments after {@code kubectl}, e.g. {@code get nodes -o wide --no-headers}
     */
    public static String command(String args) {
        return "kubectl " + args + " 2>/dev/null || kubectl " + args;
    }

    /**
     * The whitespace-separated columns of each row; blank lines and kubectl's {@code No resources found} notice are
     * skipped.
     *
     * @param what the command the lines came from, for the error
     * @param minColumns the fewest columns a row has
     * @throws IllegalArgumentException for a row with fewer columns, quoting it
     */
    static List<String[]> rows(List<String> lines, String what, int minColumns) {
        List<String[]> rows = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("No resources found")) {
                continue;
            }
            String[] columns = trimmed.split("\\s+");
            if (columns.length < minColumns) {
                throw new IllegalArgumentException("unexpected line from '" + what + "': '" + trimmed + "' (expected "
                        + minColumns + " or more columns)");
            }
            rows.add(columns);
        }
        return rows;
    }

    /** The column's value, or empty for kubectl's {@code <none>}. */
    static String valueOrEmpty(String column) {
        return "<none>".equals(column) ? "" : column;
    }
}
