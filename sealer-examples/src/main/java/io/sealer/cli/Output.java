package io.sealer.cli;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintStream;

/** Structured output: the JSON and YAML the commands print. */
final class Output {
    /** A structured output format ({@code -o}). */
    enum Format { yaml, json }

    private Output() {
    }

    /** Indented JSON with the same properties as {@link #yaml()}: record components and getters. */
    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * The JSON of {@code validate --json}: getters are hidden, and so, with them, the components of records: models
     * show only the properties the command puts in explicitly. Showing whole models would also show Clusterfile
     * secrets (SSH passwords), so it waits for a masked view.
     */
    static ObjectMapper modelJson() {
        ObjectMapper mapper = json();
        mapper.findAndRegisterModules();
        mapper.setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE);
        return mapper;
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

    /** Prints {@code tree} (made with {@code mapper}) with {@code mapper}'s format, ending with a newline. */
    static void print(PrintStream out, ObjectMapper mapper, JsonNode tree)
            throws JsonProcessingException {
        String text = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        out.print(text);
        if (!text.endsWith("\n")) {
            out.println();
        }
    }
}
