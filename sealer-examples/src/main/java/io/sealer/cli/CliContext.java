package io.sealer.cli;

import io.sealer.core.SealerClient;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What every command gets: where to print and how to make the SDK client for the global options.
 *
 * @param out standard output
 * @param err standard error
 * @param storeRoot the store root from {@code --root} or {@code SEALER_ROOT}, or {@code null} for the default
 * @param workingDir the directory relative paths are resolved against
 */
record CliContext(PrintStream out, PrintStream err, Path storeRoot, Path workingDir) {
    /** A client configured with the global options. */
    SealerClient client() {
        SealerClient.Builder builder = SealerClient.builder();
        if (storeRoot != null) {
            builder.storeRoot(storeRoot);
        }
        return builder.build();
    }

    /** Resolves a path argument against the working directory. */
    Path path(String argument) {
        return workingDir.resolve(argument).normalize();
    }
}
