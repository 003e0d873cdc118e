package io.sealer.core.internal.kubefile;

import io.sealer.api.KubefileException;
import io.sealer.api.SealerException;
import io.sealer.api.kubefile.Instruction;
import io.sealer.api.kubefile.Kubefile;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses Kubefiles. Lexing follows Docker's Dockerfile parser (full-line comments, also indented; {@code #} inside a
 * line is text; escape-character continuations; a leading {@code # escape=} directive; case-insensitive
 * keywords; leading {@code --flag=value} words; the JSON form where Docker allows it). The instructions are those of
 * both sealer eras; see the records of {@code io.sealer.api.kubefile} for each one's syntax.
 *
 * <p>Rules checked: FROM is first and only once (only {@code --platform} allowed, naming one platform or a list);
 * LAUNCH and CMDS are last (so at most once); CMD and LAUNCH are exclusive; APP/CNI/CSI sources are {@code local://},
 * {@code http://} or {@code https://} and names are unique; COPY and ADD have a source and a destination, and ADD's
 * sources are local (a URL or git address is refused); JSON arrays hold strings only; ARG/ENV/APPENV names are shell
 * variable names and LABEL keys are not empty. Applications named by LAUNCH, APPCMDS and APPENV are checked here only
 * for {@code FROM scratch}; otherwise the base image may provide them and the build calls
 * {@link #validateAppReferences} once it knows the base image's applications.
 *
 * <p>Every problem is a {@link KubefileException} naming the file, the line the instruction starts on and its text.
 * Instances are immutable and thread-safe.
 */
public final class KubefileParser {
    private static final Logger LOG = LoggerFactory.getLogger(KubefileParser.class);

    private final JsonForm json = new JsonForm();

    /**
     * Reads and parses a Kubefile (UTF-8).
     *
     * @throws KubefileException when the file is not a valid Kubefile or not UTF-8
     * @throws SealerException when the file cannot be read
     */
    public Kubefile parse(Path file) {
        String source = file.toString();
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(source, reader);
        } catch (CharacterCodingException e) {
            throw new KubefileException(source, 0, null, "the Kubefile is not valid UTF-8 text");
        } catch (IOException e) {
            throw new SealerException(source, 0, "cannot read the Kubefile: " + e.getMessage(), e);
        }
    }

    /**
     * Parses Kubefile text.
     *
     * @param source name of the text in messages, e.g. its file name
     * @throws KubefileException when the text is not a valid Kubefile
     */
    public Kubefile parse(String source, String text) {
        try {
            return parse(source, new StringReader(text));
        } catch (IOException e) {
            throw new SealerException(source, 0, "cannot read the Kubefile: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a Kubefile from a reader, which is read to its end but not closed.
     *
     * @throws KubefileException when the text is not a valid Kubefile
     * @throws IOException when reading fails
     */
    public Kubefile parse(String source, Reader reader) throws IOException {
        Objects.requireNonNull(source, "source");
        Lexed lexed = new Lexer(source, reader).lex();
        List<String> warnings = new ArrayList<>(lexed.warnings());
        List<Instruction> instructions = new ArrayList<>();
        InstructionParser parser = new InstructionParser(json, lexed.escape(),
                w -> warnings.add(source + ":" + w.line() + ": " + w.message()));
        for (LogicalLine line : lexed.lines()) {
            try {
                instructions.add(parser.parse(line));
            } catch (ParseProblem e) {
                throw new KubefileException(source, line.line(), line.text(), e.getMessage());
            }
        }
        KubefileValidator validator = new KubefileValidator(source);
        validator.validateStructure(instructions);
        Kubefile kubefile = new Kubefile(source, instructions, warnings);
        if (kubefile.from().isScratch()) {
            validator.validateAppReferences(kubefile, Set.of());
        }
        LOG.debug("parsed {} instructions from {} ({} warnings)", instructions.size(), source, warnings.size());
        return kubefile;
    }

    /**
     * Checks that every application named by LAUNCH, APPCMDS and APPENV is declared earlier in the Kubefile or is one
     * of {@code inheritedApps} (the applications of the base image). {@link #parse} does this itself for
     * {@code FROM scratch}.
     *
     * @throws KubefileException naming the line of the first instruction that uses an unknown application
     */
    public void validateAppReferences(Kubefile kubefile, Set<String> inheritedApps) {
        new KubefileValidator(kubefile.source()).validateAppReferences(kubefile, inheritedApps);
    }
}
