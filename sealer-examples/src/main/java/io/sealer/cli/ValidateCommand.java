package io.sealer.cli;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealer.api.SealerException;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.kubefile.Instruction;
import io.sealer.api.kubefile.Kubefile;
import io.sealer.core.SealerClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code sealer validate [--json] FILE...}: parses Kubefiles and Clusterfiles (told apart by content), prints each
 * problem as {@code FILE:LINE: message} and exits 1 if there is any.
 */
final class ValidateCommand extends NamedCommand {
    private static final Pattern YAML_KEY = Pattern.compile("(?m)^(apiVersion|kind)\\s*:");

    ValidateCommand() {
        super("validate", "Check Kubefiles and Clusterfiles; print problems as FILE:LINE: message",
                "validate [--json] FILE...");
    }

    @Override
    public int run(java.util.List<String> arguments, CliContext context) throws IOException {
        CliArgs args = CliArgs.parse(arguments, Set.of(), Set.of("--json"), Map.of());
        if (args.positional().isEmpty()) {
            throw new UsageException("validate needs at least one FILE");
        }
        SealerClient client = context.client();
        ObjectMapper mapper = jsonMapper();
        ArrayNode models = mapper.createArrayNode();
        int problems = 0;
        for (String file : args.positional()) {
            Path path = context.path(file);
            try {
                if (!Files.isRegularFile(path)) {
                    throw new SealerException(file, 0, "no such file", null);
                }
                ObjectNode model = models.addObject();
                model.put("file", file);
                if (isClusterfile(path)) {
                    Clusterfile clusterfile = client.loadClusterfile(path);
                    clusterfile.warnings().forEach(w -> context.err().println("warning: " + w));
                    model.put("type", "Clusterfile");
                    model.set("model", mapper.valueToTree(clusterfile));
                } else {
                    Kubefile kubefile = client.parseKubefile(path);
                    kubefile.warnings().forEach(w -> context.err().println("warning: " + w));
                    model.put("type", "Kubefile");
                    model.set("model", kubefileTree(mapper, kubefile));
                }
            } catch (SealerException e) {
                problems++;
                context.out().println(e.line() > 0
                        ? file + ":" + e.line() + ": " + e.problem()
                        : file + ": " + e.problem());
            }
        }
        if (args.flag("--json") && problems == 0) {
            context.out().println(mapper.writeValueAsString(models));
        }
        return problems == 0 ? 0 : 1;
    }

    static ObjectMapper jsonMapper() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.findAndRegisterModules();
        mapper.setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE);
        return mapper;
    }

    private static ObjectNode kubefileTree(ObjectMapper mapper, Kubefile kubefile) {
        ObjectNode tree = mapper.createObjectNode();
        tree.put("source", kubefile.source());
        ArrayNode instructions = tree.putArray("instructions");
        for (Instruction instruction : kubefile.instructions()) {
            ObjectNode node = instructions.addObject();
            node.put("instruction", instruction.getClass().getSimpleName().toUpperCase(Locale.ROOT));
            node.setAll((ObjectNode) mapper.valueToTree(instruction));
        }
        tree.set("warnings", mapper.valueToTree(kubefile.warnings()));
        return tree;
    }

    /** Looks at the start of the file only: a top-level {@code apiVersion:} or {@code kind:} means YAML. */
    static boolean isClusterfile(Path path) throws IOException {
        char[] head = new char[64 * 1024];
        try (java.io.Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            int length = reader.read(head);
            return length > 0 && YAML_KEY.matcher(java.nio.CharBuffer.wrap(head, 0, length)).find();
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
