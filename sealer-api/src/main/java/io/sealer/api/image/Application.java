package io.sealer.api.image;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An application packaged in a cluster image by {@code APP}, {@code CNI} or {@code CSI}.
 *
 * @param name application name, its files live under {@code application/apps/<name>/}
 * @param type {@code helm}, {@code kube}, {@code shell}, or empty when {@code APPCMDS} says how to launch it
 * @param files launch files relative to the application directory
 * @param env application-scoped environment ({@code APPENV})
 * @param cmds custom launch commands ({@code APPCMDS}); empty when the type decides
 */
public record Application(String name, String type, List<String> files, Map<String, String> env, List<String> cmds) {
    public Application {
        Objects.requireNonNull(name, "name");
        type = type == null ? "" : type;
        files = List.copyOf(files);
        env = Map.copyOf(env);
        cmds = List.copyOf(cmds);
    }
}
