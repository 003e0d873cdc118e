package io.sealer.core.internal.kubefile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Docker's JSON ("exec") form: text starting with {@code [} that is a complete JSON array. An array holding anything
 * but strings is an error; text that is not valid JSON is not the JSON form (the caller falls back to the plain
 * form), exactly as Docker decides.
 */
final class JsonForm {
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The array's strings, or empty when {@code text} is not a JSON array. */
    Optional<List<String>> parse(String text) {
        if (!text.startsWith("[")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JacksonException | RuntimeException e) {
            return Optional.empty();
        }
        if (node == null || !node.isArray()) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw new ParseProblem("when using JSON array syntax, arrays must be comprised of strings only");
            }
            values.add(element.textValue());
        }
        return Optional.of(values);
    }
}
