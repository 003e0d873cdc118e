package io.sealer.examples.plugins.listnodes;

import io.sealer.api.PluginException;
import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.plugin.PluginContext;
import io.sealer.api.spi.ExecResult;
import java.lang.System.Logger.Level;

/**
 * Lists the cluster's nodes once it is installed: runs {@code kubectl get nodes} on master0 and logs each line of
 * its output. Selected by Plugin documents with {@code spec.type: LIST_NODE} and {@code spec.action: PostInstall}
 * (the {@code list_nodes} example of sealer's out-of-tree plugin guide).
 */
public final class ListNodesPlugin implements Plugin {
    /** The plugin type Plugin documents name. */
    public static final String TYPE = "LIST_NODE";
    /** The command run on master0. */
    public static final String COMMAND = "kubectl get nodes";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(PluginContext context, Phase phase) {
        System.Logger log = context.logger();
        if (phase != Phase.POST_INSTALL) {
            log.log(Level.WARNING, "{0} lists nodes after install (action: PostInstall); nothing to do in {1}",
                    TYPE, phase.displayName());
            return;
        }
        String master0 = context.master0();
        ExecResult result = context.exec(master0, COMMAND);
        if (!result.succeeded()) {
            throw new PluginException(TYPE, "\"" + COMMAND + "\" exited with status " + result.exitStatus() + " on "
                    + master0 + ": " + String.join("\n", result.lastLines()), null);
        }
        for (String line : result.lastLines()) {
            log.log(Level.INFO, line);
        }
    }
}
