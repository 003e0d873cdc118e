package io.sealer.core.internal.clusterfile;

import io.sealer.api.cluster.PluginSpec;
import io.sealer.core.internal.clusterfile.YamlNode.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes a {@code kind: Plugin} document: {@code spec.type}, {@code spec.action} split on {@code |}, the target
 * from {@code spec.scope} (main) or {@code spec.on} (v1 era), and {@code spec.data}.
 */
final class PluginDecoder {
    private static final Set<String> ROOT_KEYS = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final Set<String> SPEC_KEYS = Set.of("type", "action", "on", "scope", "data");

    private final Fields fields;

    PluginDecoder(Fields fields) {
        this.fields = fields;
    }

    PluginSpec decode(YamlDocument document, MapNode root) {
        String path = document.path();
        fields.warnUnknownKeys(root, path, ROOT_KEYS);
        MapNode metadata = fields.optMap(root, "metadata", path);
        String name = metadata == null ? "" : orEmpty(fields.optString(metadata, "name", path + ".metadata"));
        MapNode spec = fields.requireMap(root, "spec", path);
        String specPath = path + ".spec";
        fields.warnUnknownKeys(spec, specPath, SPEC_KEYS);
        String type = fields.requireValue(spec, "type", specPath).value().trim();
        FieldValue action = fields.requireValue(spec, "action", specPath);
        List<String> actions = new ArrayList<>();
        for (String phase : action.value().split("\\|")) {
            if (!phase.isBlank()) {
                actions.add(phase.trim());
            }
        }
        if (actions.isEmpty()) {
            throw fields.error(action.path(), action.line(), "names no phase (expected e.g. PostInstall|PreClean)");
        }
        FieldValue scope = fields.optValue(spec, "scope", specPath);
        FieldValue on = fields.optValue(spec, "on", specPath);
        if (scope != null && on != null && !scope.value().trim().equals(on.value().trim())) {
            fields.warn(on.path(), on.line(), "both scope and on are set; scope wins");
        }
        String target = scope != null ? scope.value().trim() : on != null ? on.value().trim() : "";
        return new PluginSpec(name, type, actions, target, fields.optString(spec, "data", specPath));
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
