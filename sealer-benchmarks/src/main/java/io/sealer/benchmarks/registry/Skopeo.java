package io.sealer.benchmarks.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The {@code skopeo} commands of the benchmark, all against a plain-HTTP registry on 127.0.0.1. */
final class Skopeo {
    private final String executable;
    private final Path log;

    Skopeo(String executable, Path log) {
        this.executable = executable;
        this.log = log;
    }

    /** Setup: copies the layout's {@code tag} to {@code docker://<destination>} with its digests. */
    void push(Path layout, String tag, String destination) throws IOException, InterruptedException {
        Commands.check(List.of(executable, "copy", "--quiet", "--preserve-digests", "--dest-tls-verify=false",
                "oci:" + layout + ":" + tag, "docker://" + destination), log);
    }

    /** Baseline: every image of the sync file into its own {@code dir:} directory under {@code dest}. */
    void syncToDir(Path yaml, Path dest) throws IOException, InterruptedException {
        Commands.check(List.of(executable, "sync", "--src", "yaml", "--dest", "dir", yaml.toString(),
                dest.toString()), log);
    }

    /** Second baseline: one image into a shared OCI layout, which skips blobs the layout already holds. */
    void copyToOciLayout(String source, Path layout, String tag) throws IOException, InterruptedException {
        Commands.check(List.of(executable, "copy", "--quiet", "--src-tls-verify=false", "docker://" + source,
                "oci:" + layout + ":" + tag), log);
    }
}
