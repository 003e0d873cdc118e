package io.sealer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealer.api.SealerException;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.kubefile.Instruction;
import io.sealer.api.kubefile.Kubefile;
import io.sealer.core.SealerClient;
import java.io.IOException;
import java.io.Reader;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sealer validate [--json] FILE...}: parses Kubefiles and Clusterfiles (told apart by content), prints the
 * problem of each bad file as {@code FILE:LINE: message} and exits 1 if there is any.
 */
@Command(name = "validate",
        description = "Check Kubefiles and Clusterfiles; print problems as FILE:LINE: message, exit 1 if any.")
final class ValidateCommand extends CliCommand {
    private static final Pattern YAML_KEY = Pattern.compile("(?m)^(apiVersion|kind)\\s*:");

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Kubefiles and Clusterfiles (a top-level apiVersion: or kind: means a Clusterfile).")
    List<Path> files;

    @Option(names = "--json", description = "Print the parsed models as JSON when every file is valid.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        ObjectMapper mapper = Output.modelJson();
        ArrayNode models = mapper.createArrayNode();
        int problems = 0;
        try (SealerClient client = openClient()) {
            for (Path file : files) {
                Path path = path(file);
                try {
                    if (!Files.isRegularFile(path)) {
                        throw new SealerException(file.toString(), 0, "no such file", null);
                    }
                    ObjectNode model = models.addObject();
                    model.put("file", file.toString());
                    if (isClusterfile(path)) {
                        Clusterfile clusterfile = client.clusters().load(path);
                        warn(clusterfile.warnings());
                        model.put("type", "Clusterfile");
                        model.set("model", mapper.valueToTree(clusterfile));
                    } else {
                        Kubefile kubefile = client.builds().parse(path);
                        warn(kubefile.warnings());
                        model.put("type", "Kubefile");
                        model.set("model", kubefileTree(mapper, kubefile));
                    }
                } catch (SealerException e) {
                    problems++;
                    out().println(e.line() > 0 ? file + ":" + e.line() + ": " + e.problem() : file + ": " + e.problem());
                }
            }
        }
        if (json && problems == 0) {
            out().println(mapper.writeValueAsString(models));
        }
        return problems == 0 ? 0 : 1;
    }

    private void warn(List<String> warnings) {
        if (!quiet()) {
            warnings.forEach(w -> err().println("warning: " + w));
        }
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
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            int length = reader.read(head);
            return length > 0 && YAML_KEY.matcher(CharBuffer.wrap(head, 0, length)).find();
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
