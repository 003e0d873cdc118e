package io.sealer.api.cluster;

import java.util.List;

/**
 * A {@code Plugin} document.
 *
 * @param name {@code metadata.name}; plugins of one phase run ordered by it
 * @param type plugin type, e.g. {@code SHELL}, {@code HOSTNAME}, or an out-of-tree type
 * @param actions phases the plugin runs in ({@code action} split on {@code |}), as written
 * @param scope hosts it targets ({@code scope}, or the v1 {@code on} field): roles, IPs, ranges or a label selector
 * @param data the plugin's payload
 */
public record PluginSpec(String name, String type, List<String> actions, String scope, String data) {
    public PluginSpec {
        actions = List.copyOf(actions);
        scope = scope == null ? "" : scope;
        data = data == null ? "" : data;
    }
}
