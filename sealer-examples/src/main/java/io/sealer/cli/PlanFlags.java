package io.sealer.cli;

import picocli.CommandLine.Option;

/** {@code --dry-run} and its output format, shared by {@code run}, {@code apply}, {@code join} and {@code delete}. */
final class PlanFlags {
    @Option(names = "--dry-run",
            description = "Print the plan, every step on every host, without connecting to anything.")
    boolean dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Format of the --dry-run plan: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    PlanPrinter.Format format;

    /** Refuses {@code -o json} without {@code --dry-run}. */
    void check(CliCommand command) {
        if (format == PlanPrinter.Format.json && !dryRun) {
            throw command.usageError("-o json prints the plan of a --dry-run; add --dry-run");
        }
    }
}
