package io.sealer.cli;

import io.sealer.api.cluster.Clusterfile;
import io.sealer.core.SealerClient;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sealer apply -f Clusterfile}: installs, scales or updates the cluster a Clusterfile describes. */
@Command(name = "apply", description = {"Make the cluster what a Clusterfile says: install it, add or remove hosts,",
    "or install an application image; a failed apply resumes where it stopped when run again."},
        footer = {"", "Example: sealer apply -f Clusterfile --dry-run"})
final class ApplyCommand extends ClusterCommand {
    @Option(names = {"-f", "--Clusterfile", "--file"}, paramLabel = "FILE", defaultValue = "Clusterfile",
            description = "The Clusterfile (default: ${DEFAULT-VALUE}).")
    Path file;

    @Mixin
    PlanFlags plan;

    @Override
    public Integer call() throws IOException {
        plan.check(this);
        try (SealerClient client = openClusterClient()) {
            Clusterfile clusterfile = client.clusters().load(path(file));
            warn(clusterfile.warnings());
            if (plan.dryRun) {
                return printPlan(plan, client.clusters().plan(clusterfile));
            }
            return apply(clusterfile.cluster().allIps(), options -> client.clusters().apply(clusterfile, options));
        }
    }
}
