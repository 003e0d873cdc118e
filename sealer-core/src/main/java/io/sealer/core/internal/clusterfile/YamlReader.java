package io.sealer.core.internal.clusterfile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.sealer.api.ClusterfileException;
import io.sealer.core.internal.clusterfile.YamlNode.ListNode;
import io.sealer.core.internal.clusterfile.YamlNode.MapNode;
import io.sealer.core.internal.clusterfile.YamlNode.ScalarNode;
import io.sealer.core.internal.clusterfile.YamlNode.ScalarType;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a multi-document YAML stream into {@link YamlNode} trees, one per document, with guards against hostile input:
 * a size limit on the text, a nesting limit, and a budget on the number of nodes after alias expansion (so "billion
 * laughs" inputs fail fast instead of exhausting memory). Aliases ({@code *a}) and merge keys ({@code <<: *a}) are
 * resolved as Go's YAML libraries do; duplicate keys are an error. Thread-safe.
 */
final class YamlReader {
    /** Largest accepted Clusterfile, in code points (1 Mi; snakeyaml needs about a second per Mi of scalars). */
    static final int MAX_CODE_POINTS = 1024 * 1024;
    /** Deepest accepted nesting of mappings and lists. */
    static final int MAX_DEPTH = 64;
    /** Most nodes a whole file may stand for once aliases are expanded. */
    static final long MAX_NODES = 250_000;
    /** Most documents in one file. */
    static final int MAX_DOCUMENTS = 10_000;

    private static final String MERGE_KEY = "<<";

    private final YAMLFactory factory;

    YamlReader() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        options.setProcessComments(false);
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH + 1)
                .maxStringLength(MAX_CODE_POINTS)
                .maxNumberLength(1000)
                .build();
        this.factory = YAMLFactory.builder().loaderOptions(options).streamReadConstraints(constraints).build();
    }

    /** All documents of the stream in order, empty ones included (as null scalars). */
    List<YamlDocument> read(String source, Reader reader) {
        YAMLParser parser;
        try {
            parser = (YAMLParser) factory.createParser(reader);
        } catch (IOException e) {
            throw new ClusterfileException(source, 0, null, "cannot read the file: " + e.getMessage());
        }
        try (parser) {
            List<YamlDocument> documents = new ArrayList<>();
            Budget budget = new Budget(source);
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (documents.size() >= MAX_DOCUMENTS) {
                    throw new ClusterfileException(source, line(parser), null,
                            "more than " + MAX_DOCUMENTS + " YAML documents");
                }
                String path = "documents[" + documents.size() + "]";
                YamlNode root = new DocumentBuilder(parser, source, budget).value(token, path, 0);
                documents.add(new YamlDocument(documents.size(), root));
            }
            return documents;
        } catch (ClusterfileException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw translate(source, e, safeLine(parser));
        } catch (IOException e) {
            throw new ClusterfileException(source, 0, null, "cannot read the file: " + e.getMessage());
        } catch (RuntimeException e) {
            // The YAML library may throw its own unchecked exceptions (limits, encoding); never let them escape raw.
            MarkedYAMLException marked = findMarked(e);
            if (marked != null) {
                throw marked(source, marked);
            }
            String message = e instanceof YAMLException ? e.getMessage() : e.getClass().getSimpleName();
            throw new ClusterfileException(source, safeLine(parser), null, "invalid YAML: " + message);
        }
    }

    private static int safeLine(YAMLParser parser) {
        try {
            JsonLocation location = parser.currentLocation();
            return location == null ? 0 : Math.max(0, location.getLineNr());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static ClusterfileException translate(String source, JsonProcessingException e, int fallbackLine) {
        MarkedYAMLException marked = findMarked(e);
        if (marked != null) {
            return marked(source, marked);
        }
        JsonLocation location = e.getLocation();
        int line = location == null || location.getLineNr() <= 0 ? fallbackLine : location.getLineNr();
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Expected a field name")) {
            message = "mapping keys must be plain scalars";
        } else if (message != null) {
            // Never echo parser events: they can carry scalar values (secrets).
            int event = message.indexOf('<');
            message = event >= 0 ? message.substring(0, event).trim() : message;
        }
        return new ClusterfileException(source, line, null, "invalid YAML: " + message);
    }

    private static ClusterfileException marked(String source, MarkedYAMLException marked) {
        // Only the problem text: the snippet snakeyaml adds would echo file content (maybe a password).
        Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
        int line = mark == null ? 0 : mark.getLine() + 1;
        StringBuilder message = new StringBuilder("invalid YAML: ");
        if (marked.getContext() != null) {
            message.append(marked.getContext()).append(": ");
        }
        message.append(marked.getProblem() == null ? "syntax error" : marked.getProblem());
        return new ClusterfileException(source, line, null, message.toString());
    }

    private static MarkedYAMLException findMarked(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                return m;
            }
        }
        return null;
    }

    private static int line(YAMLParser parser) {
        JsonLocation location = parser.currentTokenLocation();
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    /** Counts nodes over the whole file, aliases expanded. */
    private static final class Budget {
        private final String source;
        private long used;

        Budget(String source) {
            this.source = source;
        }

        void spend(long nodes, int line) {
            used += nodes;
            if (used > MAX_NODES) {
                throw new ClusterfileException(source, line, null,
                        "the file stands for more than " + MAX_NODES + " YAML nodes once aliases are expanded");
            }
        }
    }

    /** Builds the tree of one document; anchors are scoped to it. */
    private static final class DocumentBuilder {
        private final YAMLParser parser;
        private final String source;
        private final Budget budget;
        private final Map<String, YamlNode> anchors = new HashMap<>();

        DocumentBuilder(YAMLParser parser, String source, Budget budget) {
            this.parser = parser;
            this.source = source;
            this.budget = budget;
        }

        YamlNode value(JsonToken token, String path, int depth) throws IOException {
            int line = line(parser);
            if (token == null) {
                throw new ClusterfileException(source, line, path, "unexpected end of the YAML stream");
            }
            if (depth > MAX_DEPTH) {
                throw new ClusterfileException(source, line, path, "nested deeper than " + MAX_DEPTH + " levels");
            }
            if (parser.isCurrentAlias()) {
                String name = parser.getText();
                YamlNode target = anchors.get(name);
                if (target == null) {
                    throw new ClusterfileException(source, line, path, "alias *" + name + " has no anchor before it");
                }
                budget.spend(target.size(), line);
                return target;
            }
            String anchor = parser.getCurrentAnchor();
            YamlNode node = switch (token) {
                case START_OBJECT -> map(path, line, depth);
                case START_ARRAY -> list(path, line, depth);
                case VALUE_STRING, VALUE_EMBEDDED_OBJECT -> scalar(ScalarType.STRING, line);
                case VALUE_NUMBER_INT -> scalar(ScalarType.INT, line);
                case VALUE_NUMBER_FLOAT -> scalar(ScalarType.FLOAT, line);
                case VALUE_TRUE, VALUE_FALSE -> scalar(ScalarType.BOOL, line);
                case VALUE_NULL -> scalar(ScalarType.NULL, line);
                default -> throw new ClusterfileException(source, line, path, "unexpected YAML token " + token);
            };
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }

        private ScalarNode scalar(ScalarType type, int line) throws IOException {
            budget.spend(1, line);
            return new ScalarNode(parser.getText(), type, line);
        }

        private MapNode map(String path, int line, int depth) throws IOException {
            budget.spend(1, line);
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            List<MapNode> merged = new ArrayList<>();
            long size = 1;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
                if (token != JsonToken.FIELD_NAME) {
                    throw new ClusterfileException(source, line(parser), path, "expected a mapping key");
                }
                String key = parser.currentName();
                int keyLine = line(parser);
                String childPath = path + "." + key;
                YamlNode child = value(parser.nextToken(), childPath, depth + 1);
                size += child.size();
                if (MERGE_KEY.equals(key)) {
                    collectMerge(child, childPath, merged);
                } else if (entries.putIfAbsent(key, child) != null) {
                    throw new ClusterfileException(source, keyLine, childPath, "duplicate key \"" + key + "\"");
                }
            }
            for (MapNode base : merged) {
                base.entries().forEach(entries::putIfAbsent);
            }
            return new MapNode(entries, line, size);
        }

        private void collectMerge(YamlNode value, String path, List<MapNode> merged) {
            if (value instanceof MapNode map) {
                merged.add(map);
            } else if (value instanceof ListNode list && list.items().stream().allMatch(MapNode.class::isInstance)) {
                list.items().forEach(item -> merged.add((MapNode) item));
            } else {
                throw new ClusterfileException(source, value.line(), path,
                        "a merge key (<<) needs a mapping or a list of mappings, found " + value.describe());
            }
        }

        private ListNode list(String path, int line, int depth) throws IOException {
            budget.spend(1, line);
            List<YamlNode> items = new ArrayList<>();
            long size = 1;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                YamlNode child = value(token, path + "[" + items.size() + "]", depth + 1);
                size += child.size();
                items.add(child);
            }
            return new ListNode(items, line, size);
        }
    }
}
