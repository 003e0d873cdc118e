package io.sealer.api.cluster;

import java.util.List;

/**
 * A {@code Config} document: a file in the image rootfs to overwrite or merge before install.
 *
 * @param name {@code metadata.name}
 * @param path file path relative to the rootfs (or to the application dir when {@code appName} is set)
 * @param appName application the path belongs to, or empty
 * @param strategy {@code merge} or {@code overwrite}
 * @param process pre-processors in order ({@code value}, {@code toJson}, {@code toBase64}, {@code toSecret})
 * @param data the content
 */
public record ConfigSpec(String name, String path, String appName, String strategy, List<String> process,
        String data) {
    public ConfigSpec {
        appName = appName == null ? "" : appName;
        strategy = strategy == null || strategy.isEmpty() ? "overwrite" : strategy;
        process = List.copyOf(process);
        data = data == null ? "" : data;
    }
}
