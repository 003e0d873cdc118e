package io.sealer.api.kubefile;

/**
 * {@code KUBEVERSION <constraint>}: the Kubernetes versions the image supports, e.g. {@code >=1.20 <1.25} (the build
 * stores it as label {@code app.alpha.sealer.io/supported-kube-version}).
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param constraint the text after the keyword, as written
 */
public record KubeVersion(int line, String original, String constraint) implements Instruction {
    public KubeVersion {
        Values.text(original, "original");
        Values.text(constraint, "constraint");
    }

    @Override
    public String keyword() {
        return "KUBEVERSION";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
