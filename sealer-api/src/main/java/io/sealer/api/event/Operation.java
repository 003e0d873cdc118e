package io.sealer.api.event;

import java.util.Objects;
import java.util.Optional;

/**
 * One operation in a tree of operations: a build and its images and blobs, an install and its hosts and steps.
 *
 * @param id unique among the operations a client reports
 * @param parentId the enclosing operation, empty for a top-level one
 * @param kind what the operation is
 * @param subject what it works on
 */
public record Operation(String id, Optional<String> parentId, OperationKind kind, Subject subject) {
    public Operation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
    }
}
