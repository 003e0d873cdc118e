package io.sealer.core.internal.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sealer.api.BuildException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * Finds image values in manifest text. YAML is read one document at a time (documents split at {@code ---} lines; a
 * small file is read whole, a large one streamed so that only one document is ever in memory); each document that mentions {@code image} at all is read by
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
            scanFile(file, name, Files.size(file));
        } catch (IOException e) {
            throw new BuildException(name, 0, "cannot read manifest: " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #scanFile(Path, String)} for a file of {@code size} bytes: a small file is read at once and split into
     * documents in memory, a large one streamed.
     */
    void scanFile(Path file, String name, long size) {
        try {
            boolean isJson = name.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
            if (size > SMALL_FILE) {
                if (isJson) {
                    scanJson(file, name);
                } else {
                    try (BufferedReader reader = open(file)) {
                        scanYaml(reader, line -> name + ":" + line, null);
                    }
                }
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (isJson) {
                scanJson(bytes, name);
            } else {
                scanYaml(new String(bytes, StandardCharsets.UTF_8), line -> name + ":" + line, null);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new BuildException(name, 0, "cannot read manifest: " + e.getMessage(), e);
        }
    }

    /**
     * Scans Helm output; each document is named {@code chart (template)} after its {@code # Source:} comment.
     */
    void scanRendered(String text, String chart) {
        scanYaml(text, null, chart);
    }

    /**
     * Splits {@code text} into documents at {@code ---} lines without copying it line by line; the documents are
     * exactly those {@link #scanYaml(BufferedReader, IntFunction, String)} builds (line breaks made {@code \n}, each
     * line ended by one).
     */
    private void scanYaml(String text, IntFunction<String> where, String chart) {
        if (text.indexOf('\r') >= 0) {
            text = text.replace("\r\n", "\n").replace('\r', '\n');
        }
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            text = text + '\n';
        }
        int documentStart = 0;
        int firstLine = 1;
        int lineNumber = 1;
        int length = text.length();
        int mage = text.indexOf("mage");
        for (int start = 0; start < length; lineNumber++) {
            int end = text.indexOf('\n', start);
            if (start > documentStart && isDocumentStart(text, start, end)) {
                if (mage >= 0 && mage < start) {
                    scanDocument(text.substring(documentStart, start), firstLine, where, chart);
                    mage = text.indexOf("mage", start);
                }
                documentStart = start;
                firstLine = lineNumber;
            }
            start = end + 1;
        }
        if (mage >= 0 && length > documentStart) {
            scanDocument(text.substring(documentStart), firstLine, where, chart);
        }
    }

    private static boolean isDocumentStart(String text, int start, int end) {
        return text.startsWith("---", start) && (start + 3 == end || Character.isWhitespace(text.charAt(start + 3)));
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
        Findings found = new Findings();
        if (SimpleYamlScanner.scan(document, found)) {
            found.report(collector, where);
            return;
        }
        found.clear();
        try (JsonParser parser = yaml.createParser(document)) {
            ImageValueWalker.walk(parser, found);
        } catch (IOException | RuntimeException e) {
            scanLines(document, where, firstProblemLine(e), "YAML", e);
            return;
        }
        found.report(collector, where);
    }

    private void scanJson(Path file, String name) throws IOException {
        Findings found = new Findings();
        try (JsonParser parser = json.createParser(open(file))) {
            ImageValueWalker.walk(parser, found);
        } catch (JsonProcessingException e) {
            try (BufferedReader reader = open(file)) {
                StringBuilder text = new StringBuilder();
                reader.lines().forEach(l -> text.append(l).append('\n'));
                scanLines(text.toString(), line -> name + ":" + line, firstProblemLine(e), "JSON", e);
            }
            return;
        }
        found.report(collector, line -> name + ":" + line);
    }

    private void scanJson(byte[] bytes, String name) throws IOException {
        Findings found = new Findings();
        String text = new String(bytes, StandardCharsets.UTF_8);
        try (JsonParser parser = json.createParser(text)) {
            ImageValueWalker.walk(parser, found);
        } catch (JsonProcessingException e) {
            StringBuilder lines = new StringBuilder();
            text.lines().forEach(l -> lines.append(l).append('\n'));
            scanLines(lines.toString(), line -> name + ":" + line, firstProblemLine(e), "JSON", e);
            return;
        }
        found.report(collector, line -> name + ":" + line);
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
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), BUFFER);
    }

    /** What a scan found, in order: values and warnings, each with its line in the scanned text. */
    private static final class Findings implements ImageValueWalker.Sink {
        private final List<Found> found = new ArrayList<>();

        @Override
        public void value(String value, int line) {
            found.add(new Found(value, line, null));
        }

        @Override
        public void warning(int line, String message) {
            found.add(new Found(null, line, message));
        }

        void clear() {
            found.clear();
        }

        void report(ImageCollector collector, IntFunction<String> where) {
            for (Found f : found) {
                if (f.warning() != null) {
                    collector.warn(where.apply(f.line()), f.warning());
                } else {
                    collector.candidate(f.value(), where.apply(f.line()));
                }
            }
        }
    }

    private record Found(String value, int line, String warning) {
    }
}
