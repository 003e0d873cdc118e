package io.sealer.core.internal.plugin.builtin;

import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.PluginContext;
import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.Set;

/** What the built-in plugins need to know about phases. */
final class Phases {
    /** Phases that remove the cluster or hosts from it, when the rootfs may already be gone. */
    static final Set<Phase> CLEAN = EnumSet.of(Phase.PRE_CLEAN, Phase.PRE_CLEAN_HOST, Phase.POST_CLEAN_HOST,
            Phase.POST_CLEAN, Phase.PRE_UNINSTALL, Phase.POST_UNINSTALL);
    /** Phases in which there is no Kubernetes API to talk to: before {@code kubeadm init}, after the reset. */
    private static final Set<Phase> NO_CLUSTER = EnumSet.of(Phase.ORIGINALLY, Phase.PRE_INIT, Phase.PRE_INSTALL,
            Phase.PRE_INIT_HOST, Phase.POST_CLEAN, Phase.POST_UNINSTALL);

    private Phases() {
    }

    /**
     * True, after a warning, when the phase has no cluster for a plugin that works through {@code kubectl}: sealer
     * skipped such plugins outside their phase with a warning too, so documents listing extra phases keep working.
     */
    static boolean skipWithoutCluster(PluginContext context, Phase phase, String what) {
        if (!NO_CLUSTER.contains(phase)) {
            return false;
        }
        context.logger().log(Level.WARNING, "plugin " + context.spec().name() + " (" + context.spec().type()
                + ") skipped in phase " + phase.displayName() + ": " + what + " needs a running cluster; use"
                + " PostInstall, PostJoin or PreGuest");
        return true;
    }
}
