package io.sealer.api.kubefile;

import java.util.List;

/**
 * An instruction that declares an application: {@link App}, {@link Cni} or {@link Csi}. Its files are copied to
 * {@code application/apps/<name>/}; the application type (helm, kube, shell) is detected by the build from them.
 */
public sealed interface AppDeclaration extends Instruction permits App, Cni, Csi {
    /** Scheme of a source in the build context. */
    String LOCAL = "local://";

    /** Application name: also its directory name under {@code application/apps/}. */
    String name();

    /** Sources, each starting with {@code local://}, {@code http://} or {@code https://}. */
    List<String> sources();
}
