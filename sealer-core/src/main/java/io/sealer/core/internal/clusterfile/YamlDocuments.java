package io.sealer.core.internal.clusterfile;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.sealer.core.internal.clusterfile.YamlNode.ListNode;
import io.sealer.core.internal.clusterfile.YamlNode.MapNode;
import io.sealer.core.internal.clusterfile.YamlNode.ScalarNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Multi-document YAML as plain Java trees, read with the Clusterfile reader's guards (size, depth, alias budget;
 * aliases and merge keys resolved) and written back so that every value reads back the same, by this reader and by
 * YAML 1.1 or 1.2 readers such as sealer's: a mapping is a {@code Map<String, Object>} (file order), a sequence a
 * {@code List<Object>}, a scalar YAML reads as a string a {@link String}, a number or boolean a {@link Plain} holding
 * its text as written ({@code 1.10} and {@code 0x1F} stay as they are), and null {@code null}. Comments, anchors and
 * styles are not kept. One exception to "as written": SnakeYAML's emitter quotes a number with leading zeros
 * ({@code 0644}), which this reader then reads as the same text, and a YAML 1.1 reader as a string. Stateless.
 */
public final class YamlDocuments {
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .stringQuotingChecker(new TypedLookingQuoted())
            .build();

    private YamlDocuments() {
    }

    /**
     * A scalar that YAML reads as a number or a boolean, written unquoted exactly as {@code text}.
     *
     * @param text the scalar as written
     */
    public record Plain(String text) {
        public Plain {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The documents of {@code yaml}, empty ones left out; maps and lists are mutable (fresh copies).
     *
     * @param source names the text in messages
     * @throws io.sealer.api.ClusterfileException when it is not YAML or breaks the reader's limits
     */
    public static List<Object> read(String source, String yaml) {
        List<Object> documents = new ArrayList<>();
        for (YamlDocument document : new YamlReader().read(source, new StringReader(yaml))) {
            if (!document.isEmpty()) {
                documents.add(toJava(document.root()));
            }
        }
        return documents;
    }

    /** {@code documents} as YAML, separated by {@code ---}. */
    public static String write(List<?> documents) {
        StringWriter text = new StringWriter();
        try (YAMLGenerator generator = FACTORY.createGenerator(text)) {
            for (Object document : documents) {
                write(generator, document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static Object toJava(YamlNode node) {
        if (node instanceof MapNode map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.entries().forEach((k, v) -> result.put(k, toJava(v)));
            return result;
        }
        if (node instanceof ListNode list) {
            List<Object> result = new ArrayList<>(list.items().size());
            list.items().forEach(item -> result.add(toJava(item)));
            return result;
        }
        ScalarNode scalar = (ScalarNode) node;
        return switch (scalar.type()) {
            case NULL -> null;
            case STRING -> scalar.text();
            case INT, FLOAT, BOOL -> new Plain(scalar.text());
        };
    }

    private static void write(YAMLGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object item : list) {
                write(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Plain plain) {
            generator.writeNumber(plain.text());
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            generator.writeNumber(decimal(((Number) value).doubleValue()));
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as YAML");
        }
    }

    /** A double as plain decimal text that reads back as a decimal: {@code 5.0}, {@code 0.25}, {@code .nan}. */
    private static String decimal(double value) {
        if (Double.isNaN(value)) {
            return ".nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? ".inf" : "-.inf";
        }
        BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        if (decimal.scale() <= 0) {
            decimal = decimal.setScale(1);
        }
        return decimal.toPlainString();
    }

    /**
     * Quotes, besides what Jackson quotes, every string a YAML 1.1 or 1.2 reader would take for something else: a
     * number (also octal, hexadecimal, binary, with {@code _} or sexagesimal), a boolean ({@code y}, {@code on}...),
     * null or a timestamp.
     */
    private static final class TypedLookingQuoted extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final Pattern TYPED = Pattern.compile(String.join("|",
                "~|null|Null|NULL",
                "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
                "[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])*)",
                "[-+]?(\\.[0-9][0-9_]*|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?",
                "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*",
                "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)",
                "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?",
                "=|<<"));

        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || TYPED.matcher(name).matches();
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || TYPED.matcher(value).matches();
        }
    }
}
