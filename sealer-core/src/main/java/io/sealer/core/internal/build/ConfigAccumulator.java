package io.sealer.core.internal.build;

import io.sealer.api.image.Application;
import io.sealer.api.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the image configuration while a Kubefile's instructions are applied; one per platform build. */
final class ConfigAccumulator {
    static final String LABEL_KUBE_VERSION = "app.alpha.sealer.io/supported-kube-version";
    static final String LABEL_CNI_PREFIX = "cluster.alpha.sealer.io/kube-cni-";
    static final String LABEL_CSI_PREFIX = "cluster.alpha.sealer.io/kube-csi-";

    final Map<String, String> args = new LinkedHashMap<>();
    final Map<String, String> labels = new LinkedHashMap<>();
    final Map<String, String> env = new LinkedHashMap<>();
    final List<String> cmds = new ArrayList<>();
    final List<String> parentCmds = new ArrayList<>();
    final Map<String, Application> applications = new LinkedHashMap<>();
    final List<String> launchApps = new ArrayList<>();
    String maintainer = "";

    /** Starts from a base image's configuration: its commands become parent commands, the rest is inherited. */
    void inherit(ImageConfig base) {
        args.putAll(base.args());
        labels.putAll(base.labels());
        env.putAll(base.env());
        parentCmds.addAll(base.parentCmds());
        parentCmds.addAll(base.cmds());
        base.applications().forEach(app -> applications.put(app.name(), app));
        maintainer = base.maintainer();
    }

    void putAppEnv(String app, Map<String, String> variables) {
        Application current = applications.get(app);
        Map<String, String> merged = new LinkedHashMap<>(current.env());
        merged.putAll(variables);
        applications.put(app, new Application(app, current.type(), current.files(), merged, current.cmds()));
    }

    void putAppCmds(String app, List<String> commands) {
        Application current = applications.get(app);
        applications.put(app, new Application(app, current.type(), current.files(), current.env(), commands));
    }

    ImageConfig toConfig() {
        return new ImageConfig(args, labels, env, cmds, parentCmds, List.copyOf(applications.values()), launchApps,
                maintainer);
    }
}
