package io.sealer.core.internal.build;

import io.sealer.api.BuildException;
import io.sealer.api.image.Platform;
import io.sealer.api.kubefile.Add;
import io.sealer.api.kubefile.AppDeclaration;
import io.sealer.api.kubefile.Copy;
import io.sealer.api.kubefile.Instruction;
import io.sealer.api.kubefile.Kubefile;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks, without building, that every local source a Kubefile's COPY, ADD and APP instructions name is in the build
 * context (and stays inside it), so {@code sealer validate} reports a missing source at its line.
 */
public final class SourceCheck {
    private SourceCheck() {
    }

    /**
     * @param kubefile the parsed Kubefile
     * @param context its build context
     * @param platform the platform {@code ${ARCH}} stands for
     * @throws BuildException at the line of the first source that is missing or leaves the context
     */
    public static void check(Kubefile kubefile, Path context, Platform platform) {
        BuildContext build = new BuildContext(context);
        for (Instruction instruction : kubefile.instructions()) {
            for (String source : localSources(instruction)) {
                try {
                    build.resolve(source.replace("${ARCH}", platform.architecture())
                            .replace("$ARCH", platform.architecture()));
                } catch (BuildException e) {
                    throw new BuildException(kubefile.source(), instruction.line(), e.problem(), e.getCause());
                }
            }
        }
    }

    /** The sources in the build context an instruction reads; remote ones are the parser's business. */
    private static List<String> localSources(Instruction instruction) {
        if (instruction instanceof Copy copy) {
            return copy.sources();
        }
        if (instruction instanceof Add add) {
            return add.sources();
        }
        if (instruction instanceof AppDeclaration app) {
            return app.sources().stream().filter(s -> s.startsWith(AppDeclaration.LOCAL))
                    .map(s -> s.substring(AppDeclaration.LOCAL.length())).toList();
        }
        return List.of();
    }
}
