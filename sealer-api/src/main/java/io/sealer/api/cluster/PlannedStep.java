package io.sealer.api.cluster;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a {@link ClusterPlan}, as a dry run shows it.
 *
 * @param id stable identifier, unique in its plan ({@code <phase>/<name>@<host>}); the journal records it
 * @param phase the pipeline phase the step belongs to ({@code distribute}, {@code init-master0}, ...)
 * @param host the host it runs on
 * @param kind what it does: {@code exec} (a remote command), {@code send} (a tree or a file to the host) or
 *     {@code hook} (the plugins of a phase)
 * @param description one line for people
 * @param command the remote command, the destination of a transfer or the plugin phase; secrets and values known
 *     only while running (a join token) appear as placeholders such as {@code <token>}
 * @param after ids of the steps that must finish first
 */
public record PlannedStep(String id, String phase, String host, String kind, String description, String command,
        List<String> after) {
    public PlannedStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(kind, "kind");
        description = description == null ? "" : description;
        command = command == null ? "" : command;
        after = List.copyOf(after);
    }

    /** The command, when the step has one. */
    public Optional<String> optionalCommand() {
        return command.isEmpty() ? Optional.empty() : Optional.of(command);
    }
}
