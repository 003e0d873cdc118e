package io.sealer.api.cluster;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an apply, a scale or a delete will do, step by step, worked out without connecting to anything (a dry
 * run). Steps are listed in an order that respects their dependencies; steps of different hosts whose
 * dependencies are met may run at the same time.
 *
 * @param cluster the cluster's name
 * @param image the cluster image, or empty for a delete
 * @param kind {@code create}, {@code scale-up}, {@code scale-down}, {@code delete}, {@code app} or {@code none}
 *     (the cluster already matches the Clusterfile)
 * @param steps the steps
 * @param notes assumptions the plan makes (for a dry run: platforms not yet detected, hostnames not yet known)
 */
public record ClusterPlan(String cluster, String image, String kind, List<PlannedStep> steps, List<String> notes) {
    /** Kind of a plan that installs a new cluster. */
    public static final String CREATE = "create";
    /** Kind of a plan that adds hosts. */
    public static final String SCALE_UP = "scale-up";
    /** Kind of a plan that removes hosts. */
    public static final String SCALE_DOWN = "scale-down";
    /** Kind of a plan that removes the whole cluster. */
    public static final String DELETE = "delete";
    /** Kind of a plan that installs an application image on a running cluster. */
    public static final String APP = "app";
    /** Kind of a plan with nothing to do. */
    public static final String NONE = "none";

    public ClusterPlan {
        Objects.requireNonNull(cluster, "cluster");
        image = image == null ? "" : image;
        Objects.requireNonNull(kind, "kind");
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }

    /** The hosts the plan touches, in first-use order. */
    public Set<String> hosts() {
        Set<String> hosts = new LinkedHashSet<>();
        steps.forEach(s -> hosts.add(s.host()));
        return hosts;
    }
}
