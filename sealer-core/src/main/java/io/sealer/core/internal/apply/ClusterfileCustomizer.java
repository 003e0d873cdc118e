package io.sealer.core.internal.apply;

import io.sealer.api.cluster.Clusterfile;
import io.sealer.core.internal.config.ConfigWriter;
import io.sealer.core.internal.config.TemplateRenderer;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes an assembled rootfs as the Clusterfile says: its {@code Config} documents written (spec 6), then every
 * {@code *.tmpl} under {@code etc/}, {@code charts/} and {@code manifests/} rendered with the hosts' env.
 */
final class ClusterfileCustomizer implements RootfsPreparer.RootfsCustomizer {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterfileCustomizer.class);

    private final Clusterfile clusterfile;

    ClusterfileCustomizer(Clusterfile clusterfile) {
        this.clusterfile = clusterfile;
    }

    /** What identifies the Clusterfile's changes to a rootfs. */
    static String changesKey(Clusterfile clusterfile) {
        return clusterfile.configs().toString();
    }

    @Override
    public void customize(Path rootfs, Map<String, String> env) {
        var written = new ConfigWriter().write(clusterfile, rootfs);
        written.warnings().forEach(w -> LOG.warn("{}: {}", clusterfile.source(), w));
        new TemplateRenderer(env).renderRootfs(rootfs);
    }
}
