package io.sealer.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code skopeo} against plain-HTTP registries on 127.0.0.1: an independent client to check our output with. */
public final class Skopeo {
    private Skopeo() {
    }

    /** The raw manifest bytes of {@code docker://<reference>}. */
    public static byte[] inspectRaw(String reference, Optional<String> credentials) {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "inspect", "--raw", "--tls-verify=false"));
        credentials.ifPresent(c -> cmd.addAll(List.of("--creds", c)));
        cmd.add("docker://" + reference);
        return Processes.check(cmd).stdout();
    }

    /** The raw manifest of {@code docker://<reference>}, or the failure. */
    public static Processes.Result tryInspectRaw(String reference) {
        return Processes.run(List.of("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + reference));
    }

    /** Copies every platform of {@code docker://<reference>} into an OCI layout, pulling every blob. */
    public static void copyAllToLayout(String reference, java.nio.file.Path layout) {
        Processes.check(List.of("skopeo", "copy", "--all", "--src-tls-verify=false", "docker://" + reference,
                "oci:" + layout + ":copy"));
    }
}
