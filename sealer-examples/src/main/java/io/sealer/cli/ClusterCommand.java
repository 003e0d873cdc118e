package io.sealer.cli;

import io.sealer.api.cluster.ApplyOptions;
import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.event.ProgressListener;
import io.sealer.core.SealerClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine.Mixin;

/**
 * Base of the commands that work on a cluster's hosts ({@code run}, {@code apply}, {@code join}, {@code delete},
 * {@code exec}): the SSH and apply flags, a client set up with them, the default cluster, the dry run's plan and the
 * progress and summary of an apply.
 */
abstract class ClusterCommand extends CliCommand {
    /** The cluster name sealer uses when none is given. */
    static final String DEFAULT_CLUSTER = "my-cluster";

    @Mixin
    ApplyFlags applyFlags;

    /** A client reaching hosts with the SSH settings of the flags. */
    SealerClient openClusterClient() {
        return sealer.openClusterClient(applyFlags.sshSettings(this));
    }

    /**
     * The cluster a command works on: {@code given}, else the only cluster this store has applied, else
     * {@value #DEFAULT_CLUSTER} when it has none; a usage error when it has several.
     */
    String clusterName(SealerClient client, String given) {
        if (given != null) {
            return given;
        }
        List<String> names = client.clusters().list();
        if (names.isEmpty()) {
            return DEFAULT_CLUSTER;
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        throw usageError("this store has applied " + names.size() + " clusters (" + String.join(", ", names)
                + "); name one with -c NAME");
    }

    /** Prints a dry run's plan on standard output. */
    int printPlan(PlanFlags flags, ClusterPlan plan) throws IOException {
        PlanPrinter.print(out(), plan, flags.format);
        return 0;
    }

    /**
     * Runs an apply, scale or delete with the flags' options, showing its progress on standard error (live on a
     * terminal, plain lines elsewhere, nothing with {@code -q}), then prints its summary on standard output.
     *
     * @param expectedHosts the hosts the operation is known to work on, shown as waiting until they start
     */
    int apply(Collection<String> expectedHosts, Function<ApplyOptions, ApplyResult> action) {
        ApplyResult result;
        try (HostStatusPrinter printer = printer(expectedHosts)) {
            result = action.apply(applyFlags.options(this, printer == null ? ProgressListener.NONE : printer));
        }
        out().print(ApplySummary.text(result));
        return 0;
    }

    /** Warnings of a parsed Clusterfile, unless quiet. */
    void warn(List<String> warnings) {
        if (!quiet()) {
            warnings.forEach(w -> err().println("warning: " + w));
        }
    }

    /** Host lists of {@code -m}/{@code -n}, expanded: a usage error naming the option and the bad item. */
    List<String> ips(String option, List<String> arguments) {
        try {
            return IpList.expand(arguments);
        } catch (IllegalArgumentException e) {
            throw usageError(option + ": " + e.getMessage());
        }
    }

    private HostStatusPrinter printer(Collection<String> expectedHosts) {
        if (quiet()) {
            return null;
        }
        if (sealer.terminal().interactive()) {
            int[] size = terminalSize();
            return HostStatusPrinter.live(err(), sealer.debug, size[0], size[1], expectedHosts);
        }
        return HostStatusPrinter.plain(err(), sealer.debug, Clock.systemDefaultZone());
    }

    /** Lines and columns of the terminal: {@code $LINES} and {@code $COLUMNS}, else {@code stty size}, else 24x80. */
    private int[] terminalSize() {
        Optional<Integer> lines = sealer.terminal().env("LINES").flatMap(ClusterCommand::number);
        Optional<Integer> columns = sealer.terminal().env("COLUMNS").flatMap(ClusterCommand::number);
        if (lines.isPresent() && columns.isPresent()) {
            return new int[] {lines.get(), columns.get()};
        }
        try {
            Process stty = new ProcessBuilder("stty", "size")
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0) {
                String[] parts = output.split("\\s+");
                if (parts.length == 2) {
                    return new int[] {lines.orElse(number(parts[0]).orElse(24)),
                        columns.orElse(number(parts[1]).orElse(80))};
                }
            }
        } catch (IOException e) {
            // no stty or no terminal: the defaults
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new int[] {lines.orElse(24), columns.orElse(80)};
    }

    private static Optional<Integer> number(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            return value > 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
