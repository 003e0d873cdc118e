package io.sealer.core.internal.clusterfile;

import io.sealer.api.cluster.PluginSpec;
import io.sealer.core.internal.clusterfile.YamlNode.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes a {@code kind: Plugin} document: {@code spec.type}, {@code spec.action} split on {@code |}, the target
 * from {@code spec.scope} (main) or {@code spec.on} (v1 era), and {@code spec.data}. Plugins of old sealer releases are
 * accepted with a warning: without {@code spec.type} the type is {@code metadata.name} (v0.3-v0.4), and HOSTNAME and
 * LABEL plugins without {@code spec.action} run at PreInit and PostInstall (v0.5).
 */
final class PluginDecoder {
    private static final Set<String> ROOT_KEYS = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final Set<String> SPEC_KEYS = Set.of("type", "action", "on", "scope", "data");
    /** Phases of the plugin types that sealer v0.5 ran without looking at {@code action}. */
    private static final Map<String, String> DEFAULT_PHASES = Map.of("HOSTNAME", "PreInit", "LABEL", "PostInstall");

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
        String type = type(spec, specPath, name);
        List<String> actions = actions(spec, specPath, type);
        FieldValue scope = fields.optValue(spec, "scope", specPath);
        FieldValue on = fields.optValue(spec, "on", specPath);
        if (scope != null && on != null && !scope.value().trim().equals(on.value().trim())) {
            fields.warn(on.path(), on.line(), "both scope and on are set; scope wins");
        }
        String target = scope != null ? scope.value().trim() : on != null ? on.value().trim() : "";
        return new PluginSpec(name, type, actions, target, fields.optString(spec, "data", specPath));
    }

    /** {@code spec.type}; when it is missing, {@code metadata.name}, which sealer v0.3-v0.4 used as the type. */
    private String type(MapNode spec, String specPath, String name) {
        FieldValue type = fields.optValue(spec, "type", specPath);
        if (type != null && !type.value().isBlank()) {
            return type.value().trim();
        }
        if (name.isBlank()) {
            throw fields.error(specPath + ".type", type == null ? spec.line() : type.line(),
                    "is required (e.g. SHELL); old Clusterfiles named the type in metadata.name, which is empty too");
        }
        fields.warn(specPath + ".type", spec.line(), "is missing; the type is taken from metadata.name ("
                + Fields.quote(name.trim()) + ") as sealer v0.3-v0.4 did; write spec.type: " + name.trim());
        return name.trim();
    }

    /**
     * {@code spec.action} split on {@code |}. A HOSTNAME or LABEL plugin without one runs where sealer v0.5 ran
     * them whatever their action: HOSTNAME at PreInit, LABEL at PostInstall.
     */
    private List<String> actions(MapNode spec, String specPath, String type) {
        FieldValue action = fields.optValue(spec, "action", specPath);
        if (action == null || action.value().isBlank()) {
            String phase = DEFAULT_PHASES.get(type);
            if (phase == null) {
                throw fields.error(specPath + ".action", action == null ? spec.line() : action.line(),
                        "is required (the phases to run in, e.g. PostInstall|PreClean)");
            }
            fields.warn(specPath + ".action", spec.line(), "is missing; a " + type + " plugin runs at " + phase
                    + " as in sealer v0.5");
            return List.of(phase);
        }
        List<String> actions = new ArrayList<>();
        for (String phase : action.value().split("\\|")) {
            if (!phase.isBlank()) {
                actions.add(phase.trim());
            }
        }
        if (actions.isEmpty()) {
            throw fields.error(action.path(), action.line(), "names no phase (expected e.g. PostInstall|PreClean)");
        }
        return actions;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
