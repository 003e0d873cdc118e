package io.sealer.core.internal.config;

import io.sealer.api.BuildException;
import io.sealer.api.ClusterfileException;
import io.sealer.api.SealerException;
import io.sealer.core.internal.io.IoFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders an image rootfs's {@code *.tmpl} files with the cluster env, as sealer main does before distributing the
 * rootfs: every {@code *.tmpl} under {@code etc/}, {@code charts/} and {@code manifests/} becomes the file of the same
 * name without {@code .tmpl} (replaced, never written in place; it takes the template's permissions); the template
 * stays.
 *
 * <p>Templates are the part of Go's {@code text/template} sealer's images use: <code>{{ .Key }}</code>,
 * <code>{{ index . "Some-Key" }}</code>, pipelines (<code>{{ .Key | b64enc }}</code>, <code>{{ b64enc .Key }}</code>),
 * {@code b64enc}, {@code b64dec}, Go's {@code or}, {@code and}, {@code not}, {@code eq}, {@code ne} (e.g.
 * <code>{{ or .RegistryURL "sea.hub:5000" }}</code>), {@code if}/{@code else if}/{@code else}/{@code end} (a key is
 * true when present and non-empty), comments and the trim markers <code>{{-</code> and <code>-}}</code>.
 *
 * <p>Where Go would silently print {@code <no value>} for a key the env does not have, rendering fails with a
 * {@link ClusterfileException} naming the template file, its line, the key and the keys the env has. Template syntax
 * that is malformed or outside the subset fails with a {@link BuildException} naming the file and line. Immutable and
 * thread-safe.
 */
public final class TemplateRenderer {
    /** The rootfs directories whose templates are rendered. */
    public static final List<String> DIRECTORIES = List.of("etc", "charts", "manifests");
    /** The suffix of template files. */
    public static final String SUFFIX = ".tmpl";

    private final Map<String, String> env;
    private final FileReplacer replacer = new FileReplacer();

    /** @param env the values templates see, by key */
    public TemplateRenderer(Map<String, String> env) {
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /**
     * Renders one template.
     *
     * @param source the template's name, for messages
     * @throws ClusterfileException when the template prints a key the env does not have
     * @throws BuildException when the template is malformed or uses what this subset does not support
     */
    public String render(String source, String template) {
        return new TemplateEvaluator(env, source).execute(TemplateParser.parse(source, template));
    }

    /**
     * Renders every template under the rootfs's {@link #DIRECTORIES}, in path order.
     *
     * @return the files written, relative to the rootfs
     */
    public List<Path> renderRootfs(Path rootfs) {
        Path root = RootfsPaths.realRoot(rootfs);
        List<Path> written = new ArrayList<>();
        for (String name : DIRECTORIES) {
            Path dir = directory(root, name);
            if (dir != null) {
                for (Path template : templates(dir)) {
                    written.add(root.relativize(renderFile(root, template)));
                }
            }
        }
        return written;
    }

    private static Path directory(Path root, String name) {
        Path dir = root.resolve(name);
        if (Files.isSymbolicLink(dir)) {
            try {
                Path real = dir.toRealPath();
                if (!real.startsWith(root)) {
                    throw new BuildException(dir.toString(), 0, "is a symbolic link that leads outside the rootfs",
                            null);
                }
                return Files.isDirectory(real) ? real : null;
            } catch (IOException e) {
                return null;
            }
        }
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) ? dir : null;
    }

    private static List<Path> templates(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)
                    && p.getFileName().toString().length() > SUFFIX.length()
                    && (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new SealerException(dir.toString(), 0, "listing templates failed: " + IoFailures.describe(io), io);
        }
    }

    private Path renderFile(Path root, Path template) {
        String fileName = template.getFileName().toString();
        Path output = template.resolveSibling(fileName.substring(0, fileName.length() - SUFFIX.length()));
        Path content = template;
        if (Files.isSymbolicLink(template)) {
            content = RootfsPaths.resolve(root, root.relativize(template).toString(),
                    problem -> new BuildException(template.toString(), 0, problem, null));
        }
        if (Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
            throw new BuildException(template.toString(), 0, "renders to " + output.getFileName()
                    + ", which is a directory", null);
        }
        String text = read(content);
        String rendered = render(template.toString(), text);
        replacer.replace(output, rendered.getBytes(StandardCharsets.UTF_8), content);
        return output;
    }

    private static String read(Path file) {
        return TextFiles.readUtf8(file, () -> new BuildException(file.toString(), 0, "is not UTF-8 text; templates"
                + " must be", null));
    }
}
