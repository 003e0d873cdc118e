package io.sealer.api.kubefile;

import java.util.List;

/**
 * {@code APP <name> <src>...}: an application to package; sources are {@code local://path} (relative to the build
 * context), {@code http://} or {@code https://} URLs.
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param name application name
 * @param sources sources as written, quotes removed
 */
public record App(int line, String original, String name, List<String> sources) implements AppDeclaration {
    public App {
        Values.text(original, "original");
        Values.text(name, "name");
        sources = Values.copy(sources);
    }

    @Override
    public String keyword() {
        return "APP";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
