package io.sealer.core.internal.yaml;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes value trees ({@code Map<String, ?>} in their own order, {@code List}, {@code String}, {@code Long},
 * {@code Integer}, {@code Double}, {@code Boolean}, {@code null}, {@link PlainScalar}) as block YAML or compact JSON.
 * Strings a YAML reader would take for another type ({@code "10"}, {@code "true"}, {@code "0755"}) are quoted; numbers
 * and booleans are written plain; multi-line strings as literal blocks; long lines are never folded. Immutable and
 * thread-safe.
 */
public final class YamlText {
    private static final Set<String> YAML11_TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on",
            "On", "ON");
    private static final Set<String> YAML11_FALSE = Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE",
            "off", "Off", "OFF");

    private final ObjectMapper yaml;
    private final ObjectMapper json;

    public YamlText() {
        YAMLFactory factory = YAMLFactory.builder()
                .stringQuotingChecker(new Quoting())
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                .build();
        this.yaml = YAMLMapper.builder(factory)
                .addModule(new SimpleModule().addSerializer(PlainScalar.class, new PlainYaml()))
                .build();
        this.json = JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .addModule(new SimpleModule().addSerializer(PlainScalar.class, new PlainJson()))
                .build();
    }

    /** One YAML document (no {@code ---} marker), ending with a newline; {@code ""} for a {@code null} tree. */
    public String document(Object tree) {
        if (tree == null) {
            return "";
        }
        try {
            return yaml.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the tree as YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** Several YAML documents, each ending with a newline, separated by {@code ---} lines. */
    public String documents(List<?> trees) {
        return trees.stream().map(this::document).filter(d -> !d.isEmpty()).collect(Collectors.joining("---\n"));
    }

    /**
     * Compact JSON with the keys of every mapping sorted (as Go's {@code encoding/json} writes maps). A
     * {@link PlainScalar} becomes a boolean when YAML 1.1 reads it as one, otherwise its text as a string.
     */
    public String json(Object tree) {
        try {
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the tree as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Quotes what the default checker quotes, and every string a YAML reader would resolve to another type. */
    private static final class Quoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || YamlScalars.isAmbiguous(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || YamlScalars.isAmbiguous(value);
        }
    }

    /** A plain scalar goes out as written: the generator writes "numbers" from text without quotes. */
    private static final class PlainYaml extends JsonSerializer<PlainScalar> {
        @Override
        public void serialize(PlainScalar value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeNumber(value.text());
        }
    }

    private static final class PlainJson extends JsonSerializer<PlainScalar> {
        @Override
        public void serialize(PlainScalar value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            if (YAML11_TRUE.contains(value.text())) {
                gen.writeBoolean(true);
            } else if (YAML11_FALSE.contains(value.text())) {
                gen.writeBoolean(false);
            } else {
                gen.writeString(value.text());
            }
        }
    }
}
