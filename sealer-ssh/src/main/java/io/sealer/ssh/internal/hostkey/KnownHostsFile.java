package io.sealer.ssh.internal.hostkey;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenSSH {@code known_hosts} file: its entries with their line numbers (plain, hashed {@code |1|...},
 * {@code [host]:port}, markers), and appending a key as {@code ssh-keyscan} writes it, under a file lock.
 */
public final class KnownHostsFile {
    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsFile.class);

    private final Path file;

    public KnownHostsFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The file. */
    public Path path() {
        return file;
    }

    /**
     * An entry and where it is.
     *
     * @param number the 1-based line number
     * @param entry the parsed entry
     */
    public record Line(int number, KnownHostEntry entry) {
    }

    /** The entries; none when the file does not exist. Lines that do not parse are skipped with a warning. */
    public List<Line> read() throws IOException {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(line);
                if (entry != null && entry.getKeyEntry() != null) {
                    lines.add(new Line(i + 1, entry));
                }
            } catch (RuntimeException e) {
                LOG.warn("{}:{}: skipping a line that is no known_hosts entry: {}", file, i + 1, e.getMessage());
            }
        }
        return lines;
    }

    /**
     * Appends {@code line} (one entry, without its end-of-line) unless the file already holds it, creating the file
     * (and {@code ~/.ssh}-like parents, private to the user) when missing.
     */
    public void append(String line) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            trySetPermissions(parent, "rwx------");
        }
        boolean created = !Files.exists(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (created) {
                trySetPermissions(file, "rw-------");
            }
            String existing = readAll(channel);
            if (existing.lines().anyMatch(l -> l.strip().equals(line))) {
                return;
            }
            String text = (existing.isEmpty() || existing.endsWith("\n") ? "" : "\n") + line + "\n";
            channel.position(channel.size());
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }
    }

    private static String readAll(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 16 * 1024 * 1024));
        channel.position(0);
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
            // read on
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static void trySetPermissions(Path path, String permissions) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot make {} private: {}", path, e.toString());
        }
    }
}
