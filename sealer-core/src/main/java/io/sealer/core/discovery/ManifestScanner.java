package io.sealer.core.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sealer.api.BuildException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Finds image values in manifest text. YAML is read one document at a time (documents split at {@code ---} lines, so
 * only one document is ever in memory); each document that mentions {@code image} at all is read by
 * {@link SimpleYamlScanner} when it can, else walked with Jackson's streaming parser; a document that does not parse is read with sealer's line rule instead, with a warning. JSON
 * files are streamed whole.
 */
final class ManifestScanner {
    private static final int BUFFER = 1 << 16;
    private static final long SMALL_FILE = 1 << 16;
    private static final String SOURCE_COMMENT = "# Source: ";

    private final YAMLFactory yaml;
    private final JsonFactory json;
    private final ImageCollector collector;

    ManifestScanner(ImageCollector collector) {
        this.collector = collector;
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(Integer.MAX_VALUE);
        StreamReadConstraints constraints = StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build();
        this.yaml = YAMLFactory.builder().loaderOptions(loader).streamReadConstraints(constraints).build();
        this.json = JsonFactory.builder().streamReadConstraints(constraints).build();
    }

    /** Scans a {@code .yaml}, {@code .yml}, {@code .tmpl} or {@code .json} file; {@code name} is used in messages. */
    void scanFile(Path file, String name) {
        try {
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                scanJson(file, name);
            } else {
                try (BufferedReader reader = open(file)) {
                    scanYaml(reader, line -> name + ":" + line, null);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new BuildException(name, 0, "cannot read manifest: " + e.getMessage(), e);
        }
    }

    /**
     * Scans Helm output; each document is named {@code chart (template)} after its {@code # Source:} comment.
     */
    void scanRendered(String text, String chart) {
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            scanYaml(reader, null, chart);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code where} names a file line; when null, documents are named {@code chart (template)}. */
    private void scanYaml(BufferedReader reader, IntFunction<String> where, String chart) throws IOException {
        StringBuilder document = new StringBuilder();
        int firstLine = 1;
        int lineNumber = 0;
        boolean mentionsImage = false;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (isDocumentStart(line) && !document.isEmpty()) {
                if (mentionsImage) {
                    scanDocument(document.toString(), firstLine, where, chart);
                }
                document.setLength(0);
                firstLine = lineNumber;
                mentionsImage = false;
            }
            document.append(line).append('\n');
            mentionsImage |= line.contains("mage");
        }
        if (mentionsImage) {
            scanDocument(document.toString(), firstLine, where, chart);
        }
    }

    private void scanDocument(String document, int firstLine, IntFunction<String> fileWhere, String chart) {
        IntFunction<String> where = fileWhere != null ? line -> fileWhere.apply(firstLine + line - 1)
                : templateWhere(chart, document);
        List<Found> found = new ArrayList<>();
        if (SimpleYamlScanner.scan(document, (value, line) -> found.add(new Found(value, line)))) {
            found.forEach(f -> collector.candidate(f.value(), where.apply(f.line())));
            return;
        }
        found.clear();
        try (JsonParser parser = yaml.createParser(document)) {
            ImageValueWalker.walk(parser, (value, line) -> found.add(new Found(value, line)));
        } catch (IOException | RuntimeException e) {
            scanLines(document, where, firstProblemLine(e), "YAML", e);
            return;
        }
        found.forEach(f -> collector.candidate(f.value(), where.apply(f.line())));
    }

    private void scanJson(Path file, String name) throws IOException {
        List<Found> found = new ArrayList<>();
        try (JsonParser parser = json.createParser(open(file))) {
            ImageValueWalker.walk(parser, (value, line) -> found.add(new Found(value, line)));
        } catch (JsonProcessingException e) {
            try (BufferedReader reader = open(file)) {
                StringBuilder text = new StringBuilder();
                reader.lines().forEach(l -> text.append(l).append('\n'));
                scanLines(text.toString(), line -> name + ":" + line, firstProblemLine(e), "JSON", e);
            }
            return;
        }
        found.forEach(f -> collector.candidate(f.value(), name + ":" + f.line()));
    }

    private void scanLines(String text, IntFunction<String> where, int problemLine, String format,
            Exception problem) {
        collector.warn(where.apply(problemLine), "not valid " + format + " (" + firstLine(problem.getMessage())
                + "); read it line by line with sealer's image: rule instead");
        int lineNumber = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            lineNumber++;
            String value = LineImageDecoder.format(LineImageDecoder.decodeLine(line));
            if (!value.isEmpty()) {
                collector.candidate(value, where.apply(lineNumber));
            }
        }
    }

    private static IntFunction<String> templateWhere(String chart, String document) {
        String template = document.lines().filter(l -> l.startsWith(SOURCE_COMMENT)).findFirst()
                .map(l -> l.substring(SOURCE_COMMENT.length()).strip()).orElse("");
        String name = template.isEmpty() ? chart : chart + " (" + template + ")";
        return line -> name;
    }

    private static int firstProblemLine(Exception e) {
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            return Math.max(1, jpe.getLocation().getLineNr());
        }
        return 1;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static boolean isDocumentStart(String line) {
        return line.startsWith("---") && (line.length() == 3 || Character.isWhitespace(line.charAt(3)));
    }

    private static BufferedReader open(Path file) throws IOException {
        long size = Files.size(file);
        if (size <= SMALL_FILE) {
            return new BufferedReader(new StringReader(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
        }
        Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
        return new BufferedReader(reader, BUFFER);
    }

    private record Found(String value, int line) {
    }
}
