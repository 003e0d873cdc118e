package io.sealer.cli;

import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.cluster.HostOutcome;
import java.time.Duration;
import java.util.Locale;

/** The last lines of an apply, scale or delete: what was done, per host the steps run and resumed, the time taken. */
final class ApplySummary {
    private ApplySummary() {
    }

    /** The summary, ending with a newline. */
    static String text(ApplyResult result) {
        ClusterPlan plan = result.plan();
        StringBuilder text = new StringBuilder("cluster ").append(plan.cluster()).append(": ");
        if (ClusterPlan.NONE.equals(plan.kind()) || result.hosts().isEmpty() && result.stepsRun() == 0) {
            return text.append("nothing to do, it already matches (").append(time(result.took())).append(")\n")
                    .toString();
        }
        text.append(plan.kind()).append(" finished in ").append(time(result.took())).append(": ")
                .append(count(result.stepsRun(), "step")).append(" run");
        if (result.stepsResumed() > 0) {
            text.append(", ").append(result.stepsResumed()).append(" resumed from an earlier run");
        }
        text.append(" on ").append(count(result.hosts().size(), "host")).append('\n');
        int width = result.hosts().stream().mapToInt(h -> h.host().length()).max().orElse(0);
        for (HostOutcome host : result.hosts()) {
            text.append("  ").append(host.host()).append(" ".repeat(width - host.host().length() + 2))
                    .append(count(host.ran().size(), "step")).append(" run");
            if (!host.resumed().isEmpty()) {
                text.append(", ").append(host.resumed().size()).append(" resumed");
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** {@code 850ms}, {@code 12.3s}, {@code 4m12s}, {@code 1h04m12s}. */
    static String time(Duration took) {
        long millis = Math.max(0, took.toMillis());
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
