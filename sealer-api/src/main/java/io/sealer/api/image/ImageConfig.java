package io.sealer.api.image;

import java.util.List;
import java.util.Map;

/**
 * The run-time configuration a cluster image carries, from its Kubefile and its base image.
 *
 * @param args build/command arguments ({@code ARG}); inherited entries first, later ones win
 * @param labels image labels ({@code LABEL}, {@code KUBEVERSION}, {@code CNI}/{@code CSI} markers)
 * @param env global environment ({@code ENV})
 * @param cmds commands this image adds ({@code CMD}/{@code CMDS}), run in order on master0
 * @param parentCmds commands inherited from the base image, run before {@link #cmds()}
 * @param applications applications ({@code APP}/{@code CNI}/{@code CSI}), inherited ones included
 * @param launchApps application names to launch ({@code LAUNCH}), in order
 * @param maintainer {@code MAINTAINER}, or empty
 */
public record ImageConfig(Map<String, String> args, Map<String, String> labels, Map<String, String> env,
        List<String> cmds, List<String> parentCmds, List<Application> applications, List<String> launchApps,
        String maintainer) {

    /** An empty configuration. */
    public static final ImageConfig EMPTY =
            new ImageConfig(Map.of(), Map.of(), Map.of(), List.of(), List.of(), List.of(), List.of(), "");

    public ImageConfig {
        args = Map.copyOf(args);
        labels = Map.copyOf(labels);
        env = Map.copyOf(env);
        cmds = List.copyOf(cmds);
        parentCmds = List.copyOf(parentCmds);
        applications = List.copyOf(applications);
        launchApps = List.copyOf(launchApps);
        maintainer = maintainer == null ? "" : maintainer;
    }
}
