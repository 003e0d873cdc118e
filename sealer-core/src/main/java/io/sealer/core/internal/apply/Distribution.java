package io.sealer.core.internal.apply;

/**
 * How a host gets the cluster's rootfs: the plan's distribution step. Today one implementation pushes one tar
 * stream per host over SSH ({@link #SSH_TREE}); fleets beyond one machine's uplink get another implementation whose
 * step has each host pull the rootfs as OCI layers from the cluster's own registry (optionally fronted by a P2P
 * distribution system), without changing the planners.
 */
interface Distribution {
    /** One tar stream per host over its SSH session, skipped where the host already holds the content. */
    Distribution SSH_TREE = (plan, host, views, paths) -> plan.add("distribute", "rootfs", host,
            "send the rootfs", new io.sealer.core.internal.plan.StepAction.SendTree(views.rootfs(), paths.rootfs(),
                    views.rootfsId()));

    /**
     * Adds the steps that put {@code views.rootfs()} at {@code paths.rootfs()} on {@code host}.
     *
     * @return the id of the last step added
     */
    String distribute(PlanBuilder plan, String host, RootfsViews views, ClusterPaths paths);
}
