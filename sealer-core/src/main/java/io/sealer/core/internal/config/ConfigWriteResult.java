package io.sealer.core.internal.config;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ConfigWriter} did.
 *
 * @param written the files written, relative to the rootfs, in the order the Configs were applied (a file two Configs
 *     wrote appears twice)
 * @param warnings problems that did not stop the writing, such as an unknown processor name
 */
public record ConfigWriteResult(List<Path> written, List<String> warnings) {
    public ConfigWriteResult {
        written = List.copyOf(written);
        warnings = List.copyOf(warnings);
    }
}
