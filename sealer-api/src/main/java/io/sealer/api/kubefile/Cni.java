package io.sealer.api.kubefile;

import java.util.List;

/**
 * {@code CNI <name> <src>...}: like {@link App}, and marks the application as the cluster network plugin (the build
 * adds label {@code cluster.alpha.sealer.io/kube-cni-<name>=true}).
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param name application name
 * @param sources sources as written, quotes removed
 */
public record Cni(int line, String original, String name, List<String> sources) implements AppDeclaration {
    public Cni {
        Values.text(original, "original");
        Values.text(name, "name");
        sources = Values.copy(sources);
    }

    @Override
    public String keyword() {
        return "CNI";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
