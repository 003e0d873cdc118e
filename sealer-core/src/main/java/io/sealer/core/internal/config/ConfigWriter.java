package io.sealer.core.internal.config;

import io.sealer.api.ClusterfileException;
import io.sealer.api.SealerException;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.ConfigSpec;
import io.sealer.core.internal.clusterfile.YamlTrees;
import io.sealer.core.internal.yaml.YamlText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a Clusterfile's {@code Config} documents to an image rootfs directory on this machine, as sealer main does
 * before the rootfs is distributed (spec section 6):
 *
 * <ol>
 *   <li>the target is {@code spec.path} relative to the rootfs, or {@code application/apps/<appName>/<path>} with
 *       {@code spec.appName}; absolute paths, {@code ..} and symbolic links that lead outside the rootfs are
 *       refused;</li>
 *   <li>{@code spec.process} runs ({@code value}, {@code toJson}, {@code toBase64}, {@code toSecret});</li>
 *   <li>when the target does not exist the data is written as it is; otherwise {@code toSecret} sets the data into
 *       the file's Secret, then {@code strategy: merge} deep-merges the data into every document of the file, and
 *       any other strategy overwrites it.</li>
 * </ol>
 *
 * <p>Configs apply in order, so a later one sees what an earlier one wrote. Every file is replaced (written next to the
 * old one, then renamed over it), never written in place, because the rootfs shares its files with the image store
 * through hard links. Errors are {@link ClusterfileException}s naming the Config ({@code metadata.name}) and the
 * field. Instances are immutable and thread-safe.
 */
public final class ConfigWriter {
    /** The directory of an image's applications, relative to the rootfs. */
    public static final String APPS_DIR = "application/apps";

    private static final String MERGE = "merge";
    private static final String OVERWRITE = "overwrite";

    private final YamlText text = new YamlText();
    private final YamlTrees trees = new YamlTrees();
    private final ConfigProcessors processors = new ConfigProcessors(trees, text);
    private final ExistingFile existingFile = new ExistingFile(trees, text, processors);
    private final FileReplacer replacer = new FileReplacer();

    /** Applies the Clusterfile's Configs to the rootfs. */
    public ConfigWriteResult write(Clusterfile clusterfile, Path rootfs) {
        return write(clusterfile.source(), clusterfile.configs(), rootfs);
    }

    /**
     * Applies Configs to the rootfs.
     *
     * @param source the Clusterfile the Configs come from, for messages
     * @param configs the Configs, applied in order
     * @param rootfs the rootfs directory
     * @throws ClusterfileException naming the Config and field when a Config cannot be applied; the Configs before
     *     it stay applied
     * @throws SealerException naming the file when it cannot be read or written
     */
    public ConfigWriteResult write(String source, List<ConfigSpec> configs, Path rootfs) {
        Path root = RootfsPaths.realRoot(rootfs);
        List<Path> written = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            ConfigSpec config = configs.get(i);
            ConfigErrors errors = ConfigErrors.of(source, config, i + 1);
            Path target = apply(root, config, errors, warnings);
            written.add(root.relativize(target));
        }
        return new ConfigWriteResult(written, warnings);
    }

    private Path apply(Path root, ConfigSpec config, ConfigErrors errors, List<String> warnings) {
        String relative = relativePath(config, errors);
        Path target = RootfsPaths.resolve(root, relative, problem -> errors.error("spec.path", problem));
        String strategy = config.strategy();
        if (!strategy.equals(MERGE) && !strategy.equals(OVERWRITE)) {
            warnings.add(errors.label() + ": spec.strategy \"" + strategy
                    + "\" is neither merge nor overwrite; the file is overwritten");
        }
        ConfigProcessors.Processed processed = processors.run(config, errors, warnings::add);
        String content = processed.data();
        if ((processed.toSecret() || strategy.equals(MERGE)) && Files.isRegularFile(target)) {
            String file = root.relativize(target).toString();
            String contents = read(target, errors);
            if (processed.toSecret()) {
                content = existingFile.toSecret(file, contents, content, errors);
            }
            if (strategy.equals(MERGE)) {
                content = existingFile.merge(file, contents, content, errors);
            }
        }
        replacer.replace(target, content.getBytes(StandardCharsets.UTF_8), null);
        return target;
    }

    private static String relativePath(ConfigSpec config, ConfigErrors errors) {
        String path = config.path() == null ? "" : config.path().trim();
        String app = config.appName().trim();
        if (app.isEmpty()) {
            return path;
        }
        if (app.contains("/") || app.contains("\\") || app.equals(".") || app.equals("..")
                || app.indexOf('\0') >= 0) {
            throw errors.error("spec.appName", RootfsPaths.quote(app) + " must be an application name, not a path");
        }
        if (path.startsWith("/")) {
            throw errors.error("spec.path", RootfsPaths.quote(path)
                    + " must be a path relative to the application's directory");
        }
        if (path.isEmpty()) {
            throw errors.error("spec.path", "is empty; expected a path relative to the application's directory");
        }
        return APPS_DIR + "/" + app + "/" + path;
    }

    private static String read(Path file, ConfigErrors errors) {
        return TextFiles.readUtf8(file, () -> errors.error("spec.path", file
                + " is not UTF-8 text; a Config can only merge into text files"));
    }
}
