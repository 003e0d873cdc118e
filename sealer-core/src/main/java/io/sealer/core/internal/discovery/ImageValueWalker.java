package io.sealer.core.internal.discovery;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a JSON or YAML token stream and reports every string value under a key named {@code image} or ending in
 * {@code image}/{@code Image} ({@code sidecarImage}, {@code vmagent-image}), at any depth. An object under such a key
 * with a string {@code repository} (and optional {@code registry}, {@code tag}, {@code digest}) is reported as the
 * reference those parts make. No tree is built: only the current field name and a stack of open objects are kept.
 */
final class ImageValueWalker {
    /** Receives each value with its 1-based line in the parsed text. */
    interface Sink {
        void value(String value, int line);
    }

    private static final Parts PLAIN = new Parts(0, 0);

    private ImageValueWalker() {
    }

    static boolean isImageKey(String key) {
        return key != null && (key.endsWith("image") || key.endsWith("Image"));
    }

    /** Reads {@code parser} to its end (all documents). */
    static void walk(JsonParser parser, Sink sink) throws IOException {
        List<Parts> objects = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            switch (token) {
                case START_OBJECT -> objects.add(parser.getParsingContext().getParent().inObject()
                        && isImageKey(parser.currentName()) ? new Parts(line(parser), 0) : PLAIN);
                case END_OBJECT -> {
                    Parts parts = objects.remove(objects.size() - 1);
                    if (parts != PLAIN) {
                        parts.report(sink);
                    }
                }
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    if (!parser.getParsingContext().inObject()) {
                        break;
                    }
                    String name = parser.currentName();
                    if (token == JsonToken.VALUE_STRING && isImageKey(name)) {
                        sink.value(parser.getText(), line(parser));
                    } else if (!objects.isEmpty() && objects.get(objects.size() - 1) != PLAIN) {
                        objects.get(objects.size() - 1).set(name, parser.getText());
                    }
                }
                default -> {
                }
            }
        }
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    /** The parts of an {@code image: {registry, repository, tag, digest}} object seen so far. */
    static final class Parts {
        final int line;
        /** Indentation of the children of a block mapping, for {@link SimpleYamlScanner}. */
        final int indent;
        String registry;
        String repository;
        String tag;
        String digest;

        Parts(int line, int indent) {
            this.line = line;
            this.indent = indent;
        }

        static boolean isPart(String name) {
            return switch (name) {
                case "registry", "repository", "tag", "digest" -> true;
                default -> false;
            };
        }

        /** Reports the reference these parts make, if there is a repository. */
        void report(Sink sink) {
            if (repository != null) {
                sink.value(reference(), line);
            }
        }

        void set(String name, String value) {
            switch (name) {
                case "registry" -> registry = value;
                case "repository" -> repository = value;
                case "tag" -> tag = value;
                case "digest" -> digest = value;
                default -> {
                }
            }
        }

        String reference() {
            StringBuilder ref = new StringBuilder();
            if (registry != null && !registry.isBlank()) {
                ref.append(registry.strip()).append('/');
            }
            ref.append(repository.strip());
            if (tag != null && !tag.isBlank()) {
                ref.append(':').append(tag.strip());
            }
            if (digest != null && !digest.isBlank()) {
                ref.append('@').append(digest.strip());
            }
            return ref.toString();
        }
    }
}
