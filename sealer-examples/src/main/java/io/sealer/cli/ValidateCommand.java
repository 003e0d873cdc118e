package io.sealer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealer.api.SealerException;
import io.sealer.api.cluster.ClusterDocuments;
import io.sealer.api.cluster.StructuredDocument;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sealer validate [--json] FILE...}: parses Kubefiles, Clusterfiles and the YAML files of an image's
 * {@code plugins/} directory (Plugin, Config or kubeadm documents without a Cluster), told apart by content; prints the
 * problem of each bad file as {@code FILE:LINE: message} and exits 1 if there is any. An empty file, or YAML of another
 * tool (a kubeconfig, a Deployment), is reported as not a Kubefile or Clusterfile.
 */
@Command(name = "validate",
        description = "Check Kubefiles, Clusterfiles and plugin files; print problems as FILE:LINE: message, exit 1 if"
                + " any.")
final class ValidateCommand extends CliCommand {
    static final String NOT_SEALER = "not a Kubefile or Clusterfile";

    /** How much of a file is looked at to tell a Kubefile from YAML. */
    private static final int HEAD = 64 * 1024;
    private static final Pattern YAML_KEY = Pattern.compile("(?m)^(apiVersion|kind)\\s*:");
    /** Lines that say nothing: blank, comments, YAML document markers. */
    private static final Pattern NOTHING = Pattern.compile("\\s*(#.*)?|---.*|\\.\\.\\.\\s*");
    /** The start of YAML or JSON data: {@code key:}, a list item, a flow collection. */
    private static final Pattern DATA = Pattern.compile("\\s*([\"']?[\\w.-]+[\"']?\\s*:(\\s.*)?|- .*|-|[{\\[].*)");

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Kubefiles, Clusterfiles and plugin files (YAML with a top-level apiVersion: or kind:).")
    List<Path> files;

    @Option(names = "--json", description = "Print the parsed models, every value (secrets masked as ***), as JSON"
            + " when every file is valid.")
    boolean json;

    @Option(names = "--syntax-only", description = {"Check Kubefiles' syntax only. By default a Kubefile's COPY, ADD",
        "and APP sources must also be in its directory, its build context."})
    boolean syntaxOnly;

    /** What a file looks like from its first lines. */
    enum Content { EMPTY, YAML, OTHER_DATA, KUBEFILE }

    @Override
    public Integer call() throws IOException {
        ArrayNode models = JsonNodeFactory.instance.arrayNode();
        int problems = 0;
        try (SealerClient client = openClient()) {
            for (Path file : files) {
                try {
                    models.add(validate(client, file));
                } catch (SealerException e) {
                    problems++;
                    out().println(e.line() > 0 ? file + ":" + e.line() + ": " + e.problem() : file + ": " + e.problem());
                }
            }
        }
        if (json && problems == 0) {
            Output.print(out(), Output.json(), models);
        }
        return problems == 0 ? 0 : 1;
    }

    private ObjectNode validate(SealerClient client, Path file) throws IOException {
        Path path = path(file);
        if (!Files.isRegularFile(path)) {
            throw new SealerException(file.toString(), 0, "no such file", null);
        }
        ObjectNode model = JsonNodeFactory.instance.objectNode();
        model.put("file", file.toString());
        switch (content(path)) {
            case EMPTY -> throw new SealerException(file.toString(), 0, NOT_SEALER + " (the file is empty)", null);
            case OTHER_DATA -> throw new SealerException(file.toString(), 0,
                    NOT_SEALER + " (YAML or JSON without apiVersion and kind)", null);
            case YAML -> {
                ClusterDocuments documents = client.clusters().loadDocuments(path);
                if (!documents.hasSealerDocuments()) {
                    throw new SealerException(file.toString(), 0, NOT_SEALER + " (" + describe(documents) + ")", null);
                }
                warn(documents.warnings());
                if (documents.cluster().isPresent()) {
                    model.put("type", "Clusterfile");
                    model.set("model", Output.model(documents.toClusterfile()));
                } else {
                    model.put("type", "ClusterDocuments");
                    model.set("model", Output.model(documents));
                }
            }
            case KUBEFILE -> {
                Kubefile kubefile = syntaxOnly ? client.builds().parse(path) : client.builds().validate(path);
                warn(kubefile.warnings());
                model.put("type", "Kubefile");
                model.set("model", Output.model(kubefile));
            }
            default -> throw new IllegalStateException();
        }
        return model;
    }

    private void warn(List<String> warnings) {
        if (!quiet()) {
            warnings.forEach(w -> err().println("warning: " + w));
        }
    }

    /** What a YAML file without sealer documents holds instead. */
    private static String describe(ClusterDocuments documents) {
        if (documents.otherDocuments().isEmpty()) {
            return "no YAML document";
        }
        return "it holds " + documents.otherDocuments().stream().map(ValidateCommand::describe).distinct()
                .collect(Collectors.joining(", "));
    }

    private static String describe(StructuredDocument document) {
        if (document.kind().equals("Config") && !document.content().containsKey("spec")) {
            return "a kubeconfig";
        }
        return "kind " + document.kind() + (document.apiVersion().isEmpty() ? "" : " (" + document.apiVersion() + ")");
    }

    /**
     * Looks at the start of the file: nothing but blank lines and comments is empty; a top-level {@code apiVersion:}
     * or {@code kind:} means YAML documents; other YAML or JSON data is no sealer file; anything else is a Kubefile.
     */
    static Content content(Path path) throws IOException {
        char[] head = new char[HEAD];
        int length = 0;
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            int read;
            while (length < head.length && (read = reader.read(head, length, head.length - length)) > 0) {
                length += read;
            }
        } catch (CharacterCodingException e) {
            return Content.KUBEFILE;
        }
        String text = CharBuffer.wrap(head, 0, length).toString();
        if (YAML_KEY.matcher(text).find()) {
            return Content.YAML;
        }
        for (String line : text.split("\\R")) {
            String first = line.startsWith("\uFEFF") ? line.substring(1) : line;
            if (NOTHING.matcher(first).matches()) {
                continue;
            }
            return DATA.matcher(first).matches() ? Content.OTHER_DATA : Content.KUBEFILE;
        }
        return length == HEAD ? Content.KUBEFILE : Content.EMPTY;
    }
}
