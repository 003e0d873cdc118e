package io.sealer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.sealer.api.kubefile.Instruction;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structured output: the JSON and YAML the commands print, and {@link #model}, the one tree both are made from.
 * Names are the camelCase names of the API's record components, so {@code -o yaml} and {@code -o json} show the same
 * fields under the same names.
 */
final class Output {
    /** A structured output format ({@code -o}). */
    enum Format { yaml, json }

    /** What a secret is printed as. */
    static final String MASK = "***";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** {@code name=value} in text (an instruction as written, a command line) whose name says it is a secret. */
    private static final Pattern INLINE_SECRET = Pattern.compile(
            "(?i)(\\b[\\w.-]*(?:password|passwd|passphrase|token)[\\w.-]*[ \\t]*=[ \\t]*)(\"[^\"]*\"|'[^']*'|[^\\s\"']+)");

    private Output() {
    }

    /** Indented JSON. */
    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Block YAML without a document marker, quoting only where needed. */
    static ObjectMapper yaml() {
        return new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build());
    }

    static ObjectMapper mapper(Format format) {
        return format == Format.json ? json() : yaml();
    }

    /** Prints {@code tree} in {@code mapper}'s format, ending with a newline. */
    static void print(PrintStream out, ObjectMapper mapper, JsonNode tree) throws JsonProcessingException {
        String text = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        out.print(text);
        if (!text.endsWith("\n")) {
            out.println();
        }
    }

    /**
     * A model of the API as a tree with every value: a record becomes an object of its components (an
     * {@link Instruction} also gets {@code instruction}, its keyword, first), an {@link Optional} its value or
     * {@code null}, maps objects, collections arrays, numbers, booleans and strings themselves, anything else its
     * {@code toString()}. Secrets are masked as {@value #MASK}: the value of every field or map key whose name says
     * password, passwd, passphrase, token, certificateKey or key-data (SSH passwords and key passphrases, registry
     * passwords, kubeadm tokens), and {@code name=value} pairs with such a name inside text such as an instruction's
     * original line. A secret is never printed.
     */
    static JsonNode model(Object value) {
        return node(value, "");
    }

    private static JsonNode node(Object value, String name) {
        if (value instanceof Optional<?> optional) {
            return optional.isPresent() ? node(optional.get(), name) : NODES.nullNode();
        }
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof CharSequence text) {
            return NODES.textNode(isSecret(name) && !text.isEmpty() ? MASK : maskInline(text.toString()));
        }
        if (isSecret(name)) {
            if (value instanceof Map<?, ?> || value instanceof Iterable<?> || value.getClass().isRecord()) {
                return container(value, name);
            }
            return NODES.textNode(MASK);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (value instanceof BigDecimal big) {
            return NODES.numberNode(big);
        }
        if (value instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        if (value instanceof Map<?, ?> || value instanceof Iterable<?> || value.getClass().isRecord()) {
            return container(value, name);
        }
        return NODES.textNode(maskInline(value.toString()));
    }

    private static JsonNode container(Object value, String name) {
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), node(v, String.valueOf(k))));
            return object;
        }
        if (value instanceof Iterable<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(node(item, name)));
            return array;
        }
        ObjectNode object = NODES.objectNode();
        if (value instanceof Instruction instruction) {
            object.put("instruction", instruction.keyword());
        }
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            object.set(component.getName(), node(read(component, value), component.getName()));
        }
        return object;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    /** A field or key whose value is a secret, by its name. */
    static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("passwd") || lower.contains("passphrase")
                || lower.endsWith("token") || lower.equals("certificatekey") || lower.endsWith("key-data");
    }

    /** The text with the value of every {@code secret=value} pair replaced by {@value #MASK}. */
    static String maskInline(String text) {
        Matcher matcher = INLINE_SECRET.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        return matcher.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
}
