package io.sealer.core.internal.apply.state;

import io.sealer.api.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The text of a {@link Journal}'s file: reading it (torn tail cut off), starting it, and encoding a record. */
final class JournalFile {
    private static final String PLAN = "plan ";
    private static final String DONE = "done ";
    private static final String FACT = "fact ";
    private static final Pattern FACT_NAME = Pattern.compile("[^\\s]+");

    private JournalFile() {
    }

    /**
     * What a journal file holds.
     *
     * @param done the steps done
     * @param facts their facts
     * @param length bytes of complete lines (where the next record goes)
     */
    record Content(Set<String> done, Map<String, String> facts, long length) {
    }

    /**
     * Reads {@code file} if it is the journal of {@code fingerprint}, cutting off a torn last line.
     *
     * @return its content; {@code null} when there is no file, it has no complete first line, or it is the journal
     *     of another plan
     * @throws StoreException when a complete line is not a record
     */
    static Content read(Path file, String fingerprint) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        int complete = lastNewline(bytes) + 1;
        String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
        String[] lines = text.isEmpty() ? new String[0] : text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length == 0 || !lines[0].equals(PLAN + fingerprint)) {
            return null;
        }
        Set<String> done = new LinkedHashSet<>();
        Map<String, String> facts = new LinkedHashMap<>();
        Map<String, String> pending = new LinkedHashMap<>();
        for (int n = 1; n < lines.length; n++) {
            String line = lines[n];
            if (line.startsWith(DONE) && line.length() > DONE.length()) {
                done.add(line.substring(DONE.length()));
                facts.putAll(pending);
                pending.clear();
            } else if (line.startsWith(FACT)) {
                String[] parts = line.substring(FACT.length()).split(" ", -1);
                if (parts.length != 2 || parts[0].isEmpty()) {
                    throw unreadable(file, n);
                }
                try {
                    pending.put(parts[0], new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw unreadable(file, n);
                }
            } else {
                throw unreadable(file, n);
            }
        }
        if (complete < bytes.length) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(complete);
                channel.force(true);
            }
        }
        return new Content(done, facts, complete);
    }

    /** True when {@code file} exists and has a complete first line (it is worth keeping when abandoned). */
    static boolean started(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    return true;
                }
            }
            return false;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Starts (or restarts) {@code file} for {@code fingerprint}, mode 0600, forced to disk. */
    static Content create(Path file, String fingerprint) throws IOException {
        PrivateFiles.create(file);
        byte[] head = (PLAN + fingerprint + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(head);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        return new Content(Set.of(), Map.of(), head.length);
    }

    /** The lines that record {@code stepId} with its facts: the facts first, then {@code done}. */
    static byte[] record(String stepId, Map<String, String> facts) {
        if (stepId.isEmpty() || stepId.indexOf('\n') >= 0 || stepId.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a step id is one non-empty line, got \"" + stepId + "\"");
        }
        StringBuilder text = new StringBuilder();
        facts.forEach((name, value) -> {
            if (!FACT_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a fact name is one word, got \"" + name + "\"");
            }
            text.append(FACT).append(name).append(' ')
                    .append(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))).append('\n');
        });
        text.append(DONE).append(stepId).append('\n');
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static StoreException unreadable(Path file, int index) {
        return new StoreException(file.toString(), "line " + (index + 1) + " is not a journal record (the file was"
                + " changed by hand or damaged); move it away to run the whole plan again", null);
    }
}
