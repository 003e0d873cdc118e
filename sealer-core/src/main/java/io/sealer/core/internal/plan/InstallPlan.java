package io.sealer.core.internal.plan;

import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.cluster.PlannedStep;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An ordered list of steps; each step's dependencies come before it. Built without I/O by the planners; run by the
 * executor, which records finished steps in the cluster's journal under {@link #fingerprint()}.
 *
 * @param cluster the cluster's name
 * @param image the cluster image (empty for a delete)
 * @param kind one of {@link ClusterPlan}'s kinds
 * @param steps the steps, dependencies first
 * @param notes assumptions made while planning
 */
public record InstallPlan(String cluster, String image, String kind, List<Step> steps, List<String> notes) {
    public InstallPlan {
        Objects.requireNonNull(cluster, "cluster");
        image = image == null ? "" : image;
        Objects.requireNonNull(kind, "kind");
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
        Set<String> seen = new HashSet<>();
        for (Step step : steps) {
            if (!seen.add(step.id())) {
                throw new IllegalArgumentException("two steps with the id " + step.id());
            }
            for (String before : step.after()) {
                if (!seen.contains(before)) {
                    throw new IllegalArgumentException("step " + step.id() + " depends on " + before
                            + ", which is not an earlier step");
                }
            }
        }
    }

    /** The plan as the public API shows it. */
    public ClusterPlan view() {
        return new ClusterPlan(cluster, image, kind, steps.stream().map(s -> new PlannedStep(s.id(), s.phase(),
                s.host(), s.action().kind(), s.title(), s.action().display(), s.after())).toList(), notes);
    }

    /**
     * Identifies the plan's content: the kind and every step's id, dependencies and action. The same Clusterfile
     * against the same cluster state and image gives the same fingerprint, so a re-run finds its journal.
     */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, cluster);
            update(digest, image);
            update(digest, kind);
            for (Step step : steps) {
                update(digest, step.id());
                update(digest, String.join(",", step.after()));
                update(digest, step.action().kind());
                update(digest, step.action().identity());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
