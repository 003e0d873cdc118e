package io.sealer.core.internal.discovery;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a JSON or YAML token stream and reports every string value under a key named {@code image} or ending in
 * {@code image}/{@code Image} ({@code sidecarImage}, {@code vmagent-image}), at any depth. An object under such a key
 * with a string {@code repository} (and optional {@code registry}, {@code tag}, {@code digest}) is reported as the
 * reference those parts make. No tree is built: only the current field name and a stack of open objects are kept.
 * Besides:
 * <ul>
 *   <li>a mapping with {@code enabled: false} is a component switched off: its own image values are not reported
 *       but listed in one warning;</li>
 *   <li>a {@code baseImage} (or {@code ...BaseImage}) without tag or digest is an operator's repository whose version
 *       is a separate field (TiDB, the Prometheus operator): it is reported with the {@code tag} or {@code version}
 *       beside it, else with the {@code version} of the parent mapping, else not at all but with a warning naming
 *       the field (never as {@code :latest});</li>
 *   <li>the items of {@code args} and {@code command} sequences and the {@code value} of {@code env} items are
 *       reported when they are fully-qualified references ({@link LaunchedImages}).</li>
 * </ul>
 * Values are reported in the order they appear (an image object's at its end); those that wait for the end of a
 * mapping are held until the outermost mapping ends.
 */
final class ImageValueWalker {
    /** Receives each value with its 1-based line in the parsed text. */
    interface Sink {
        void value(String value, int line);

        /** A value that is not reported, with the reason. */
        default void warning(int line, String message) {
        }
    }

    private ImageValueWalker() {
    }

    static boolean isImageKey(String key) {
        return key != null && (key.endsWith("image") || key.endsWith("Image"));
    }

    /** An image key whose value is a repository that may take its version from a separate field. */
    static boolean isBaseImageKey(String key) {
        return key.endsWith("baseImage") || key.endsWith("BaseImage");
    }

    /** Reads {@code parser} to its end (all documents). */
    static void walk(JsonParser parser, Sink sink) throws IOException {
        new Walk(parser, sink).run();
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    /** One walk: the open mappings, and the values found but not yet reported. */
    private static final class Walk {
        private final JsonParser parser;
        private final Sink sink;
        /** Open mappings, outermost first; frames are reused by depth. */
        private final List<Frame> frames = new ArrayList<>();
        private int depth;
        /** Values in the order found; reported when the outermost mapping ends. */
        private final List<Entry> entries = new ArrayList<>();

        Walk(JsonParser parser, Sink sink) {
            this.parser = parser;
            this.sink = sink;
        }

        void run() throws IOException {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT -> open(parser.getParsingContext().getParent().inObject()
                            && isImageKey(parser.currentName()) ? new Parts(line(parser), 0) : null);
                    case END_OBJECT -> close();
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> scalar(token);
                    case VALUE_FALSE -> {
                        if (depth > 0 && parser.getParsingContext().inObject()
                                && "enabled".equals(parser.currentName())) {
                            frames.get(depth - 1).disabled = true;
                        }
                    }
                    default -> {
                    }
                }
            }
            flush();
        }

        private void open(Parts parts) {
            if (frames.size() == depth) {
                frames.add(new Frame());
            }
            frames.get(depth++).reset(parts);
        }

        private void scalar(JsonToken token) throws IOException {
            JsonStreamContext context = parser.getParsingContext();
            if (context.inArray()) {
                JsonStreamContext parent = context.getParent();
                if (token == JsonToken.VALUE_STRING && parent != null && parent.inObject()
                        && LaunchedImages.isCommandKey(parent.getCurrentName())) {
                    launched();
                }
                return;
            }
            if (!context.inObject() || depth == 0) {
                return;
            }
            Frame frame = frames.get(depth - 1);
            String name = parser.currentName();
            if (token == JsonToken.VALUE_STRING && isImageKey(name)) {
                Entry entry = new Entry(parser.getText(), line(parser));
                entries.add(entry);
                if (isBaseImageKey(name)) {
                    entry.field = field(context);
                    frame.bases.add(entry);
                } else {
                    frame.images.add(entry);
                }
                return;
            }
            if (frame.parts != null) {
                frame.parts.set(name, parser.getText());
            }
            switch (name) {
                case "version" -> frame.version = parser.getText();
                case "tag" -> frame.tag = parser.getText();
                case "value" -> {
                    JsonStreamContext list = context.getParent();
                    if (token == JsonToken.VALUE_STRING && list != null && list.inArray()
                            && list.getParent() != null && "env".equals(list.getParent().getCurrentName())) {
                        launched();
                    }
                }
                default -> {
                }
            }
        }

        private void launched() throws IOException {
            String text = parser.getText();
            if (LaunchedImages.mayHold(text, 0, text.length())) {
                String reference = LaunchedImages.reference(text);
                if (reference != null) {
                    entries.add(new Entry(reference, line(parser)));
                }
            }
        }

        private void close() {
            Frame frame = frames.get(--depth);
            Frame parent = depth > 0 ? frames.get(depth - 1) : null;
            if (frame.disabled) {
                switchOff(frame);
            } else {
                for (Entry base : frame.bases) {
                    String version = frame.tag != null ? frame.tag : frame.version;
                    if (hasTagOrDigest(base.value)) {
                        continue;
                    }
                    if (version != null) {
                        base.value = base.value + ":" + version;
                    } else if (parent != null) {
                        parent.inherited.add(base);
                    } else {
                        unversioned(base);
                    }
                }
            }
            for (Entry base : frame.inherited) {
                if (frame.version != null) {
                    base.value = base.value + ":" + frame.version;
                } else {
                    unversioned(base);
                }
            }
            if (frame.parts != null && frame.parts.repository != null) {
                Entry entry = new Entry(frame.parts.reference(), frame.parts.line);
                entries.add(entry);
                if (parent != null) {
                    parent.images.add(entry);
                }
            }
            if (depth == 0) {
                flush();
            }
        }

        private void switchOff(Frame frame) {
            List<Entry> off = new ArrayList<>(frame.images);
            off.addAll(frame.bases);
            if (off.isEmpty()) {
                return;
            }
            off.sort((a, b) -> Integer.compare(entries.indexOf(a), entries.indexOf(b)));
            StringBuilder names = new StringBuilder();
            for (Entry entry : off) {
                entry.dropped = true;
                names.append(names.isEmpty() ? "" : ", ").append(entry.value);
            }
            off.get(0).warning = "component switched off (enabled: false); not caching "
                    + (off.size() == 1 ? "its image " : "its images ") + names;
        }

        private static void unversioned(Entry base) {
            base.dropped = true;
            base.warning = "skipped " + base.field + " \"" + base.value + "\": it names no tag and there is no "
                    + "version beside it or in the parent mapping";
        }

        private void flush() {
            for (Entry entry : entries) {
                if (entry.warning != null) {
                    sink.warning(entry.line, entry.warning);
                } else if (!entry.dropped) {
                    sink.value(entry.value, entry.line);
                }
            }
            entries.clear();
        }

        /** The dotted path of the current field, e.g. {@code spec.pd.baseImage}. */
        private static String field(JsonStreamContext context) {
            String pointer = context.pathAsPointer().toString();
            return pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.');
        }

        private static boolean hasTagOrDigest(String value) {
            return value.indexOf('@') >= 0 || value.indexOf(':', value.lastIndexOf('/') + 1) >= 0;
        }
    }

    /** An open mapping. */
    private static final class Frame {
        /** The parts when this mapping is the value of an image key, else null. */
        Parts parts;
        /** Image values (and image objects) directly in this mapping. */
        final List<Entry> images = new ArrayList<>();
        /** Base image values directly in this mapping. */
        final List<Entry> bases = new ArrayList<>();
        /** Base image values of child mappings that had no version of their own. */
        final List<Entry> inherited = new ArrayList<>();
        boolean disabled;
        String version;
        String tag;

        void reset(Parts newParts) {
            parts = newParts;
            images.clear();
            bases.clear();
            inherited.clear();
            disabled = false;
            version = null;
            tag = null;
        }
    }

    /** A value found; reported, dropped or replaced by a warning when its mappings end. */
    private static final class Entry {
        String value;
        final int line;
        String field;
        boolean dropped;
        String warning;

        Entry(String value, int line) {
            this.value = value;
            this.line = line;
        }
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
