package io.sealer.api.cluster;

import java.util.Objects;

/**
 * The result of checking a cluster ({@code sealer check}).
 *
 * @param passed whether every check passed
 * @param report the report in sealer's format: nodes, services and pods through kubectl on master0, and for the
 *     host checks, unique hostnames and clock skew under a minute
 */
public record CheckResult(boolean passed, String report) {
    public CheckResult {
        Objects.requireNonNull(report, "report");
    }
}
