package io.sealer.core.internal.clusterfile;

import io.sealer.api.cluster.ConfigSpec;
import io.sealer.core.internal.clusterfile.YamlNode.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes a {@code kind: Config} document. {@code spec.path} and {@code spec.data} are required (as in sealer main);
 * the path must stay inside the image rootfs (relative, no {@code ..}).
 */
final class ConfigDecoder {
    private static final Set<String> ROOT_KEYS = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final Set<String> SPEC_KEYS = Set.of("path", "appName", "strategy", "process", "data");

    private final Fields fields;

    ConfigDecoder(Fields fields) {
        this.fields = fields;
    }

    ConfigSpec decode(YamlDocument document, MapNode root) {
        String path = document.path();
        fields.warnUnknownKeys(root, path, ROOT_KEYS);
        MapNode metadata = fields.optMap(root, "metadata", path);
        String name = metadata == null ? "" : fields.optString(metadata, "name", path + ".metadata");
        MapNode spec = fields.requireMap(root, "spec", path);
        String specPath = path + ".spec";
        fields.warnUnknownKeys(spec, specPath, SPEC_KEYS);
        FieldValue filePath = fields.requireValue(spec, "path", specPath);
        String file = filePath.value().trim();
        if (file.startsWith("/") || ("/" + file + "/").replace('\\', '/').contains("/../")
                || file.indexOf('\0') >= 0) {
            throw fields.error(filePath.path(), filePath.line(), Fields.quote(filePath.value())
                    + " must be a path relative to the image rootfs, without ..");
        }
        YamlNode data = fields.child(spec, "data");
        if (data == null) {
            throw fields.error(specPath + ".data", spec.line(), "is required");
        }
        if (!(data instanceof YamlNode.ScalarNode)) {
            throw fields.error(specPath + ".data", data.line(),
                    "expected a string, found " + data.describe() + "; write the content as a block (data: |)");
        }
        List<String> process = new ArrayList<>();
        String processText = fields.optString(spec, "process", specPath);
        if (processText != null) {
            for (String step : processText.split("\\|")) {
                if (!step.isBlank()) {
                    process.add(step.trim());
                }
            }
        }
        String strategy = fields.optString(spec, "strategy", specPath);
        return new ConfigSpec(name == null ? "" : name, file, fields.optString(spec, "appName", specPath),
                strategy == null ? null : strategy.trim(), process, fields.scalar(data, specPath + ".data").value());
    }
}
