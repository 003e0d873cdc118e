package io.sealer.core.internal.layer;

import io.sealer.core.internal.io.IoFailures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a directory as a reproducible tar and hashes it in the same pass. Entries are sorted by name bytes, have
 * mtime 0, uid/gid 0, empty user and group names, and normalised modes (directories 0755, files 0644 or 0755 when
 * any execute bit is set, symbolic links 0777). Symbolic links keep their target verbatim, hard links are written
 * as links to the first name, long names use PAX headers. The same tree therefore gives the same bytes, and the
 * same {@code sha256:} id, on any machine.
 *
 * <p>The bytes are those of a plain commons-compress {@link TarArchiveOutputStream} (PAX for long or non-ASCII names):
 * plain ustar headers are formatted by {@link UstarHeader}, those of long ASCII names by {@link PaxHeader}, the rare
 * rest (non-ASCII names, sizes beyond the header's octal field) by commons-compress, and file contents go straight
 * from the file into the digest and the output. The tree is walked on a second thread while the files are read and
 * hashed.
 */
public final class ReproducibleTar {
    private ReproducibleTar() {
    }

    /**
     * Writes {@code dir} as a tar to {@code out} (not closed) and returns its digest and length. A directory without
     * entries writes nothing and returns {@link LayerDigest#EMPTY}.
     *
     * @throws io.sealer.api.StoreException naming the file that could not be read or written
     */
    public static LayerDigest write(Path dir, OutputStream out) {
        try (ScanAhead entries = ScanAhead.start(dir)) {
            TreeScanner.Entry entry = entries.next();
            if (entry == null) {
                return LayerDigest.EMPTY;
            }
            TarSink sink = new TarSink(out);
            byte[] record = new byte[TarSink.RECORD];
            Path current = dir;
            try {
                for (; entry != null; entry = entries.next()) {
                    current = entry.path();
                    writeHeader(sink, entry, record);
                    if (entry.kind() == TreeScanner.Kind.FILE && entry.size() > 0) {
                        sink.file(entry.path(), entry.size());
                    }
                }
                current = dir;
                sink.zeros(2 * TarSink.RECORD);
                sink.flush();
            } catch (IOException e) {
                throw IoFailures.wrap(current, "writing layer tar", e);
            }
            return new LayerDigest(sink.id(), sink.count());
        }
    }

    /** The digest of {@code dir}'s reproducible tar, computed without storing the tar anywhere. */
    public static LayerDigest digest(Path dir) {
        return write(dir, OutputStream.nullOutputStream());
    }

    /** A tar stream with the settings whose output this class reproduces. */
    static TarArchiveOutputStream newTarStream(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        return tar;
    }

    /**
     * Writes the records {@link TarArchiveOutputStream#putArchiveEntry} would: one ustar header, preceded by a PAX
     * header when the name or link target is long or not ASCII, or the size too large for the header. Plain headers
     * and the PAX headers of long ASCII names are formatted here; the rest by commons-compress.
     */
    static void writeHeader(TarSink sink, TreeScanner.Entry entry, byte[] record) throws IOException {
        String link = entry.link() == null ? "" : entry.link();
        if (UstarHeader.fits(entry.name(), link, entry.size())) {
            UstarHeader.write(record, entry.name(), type(entry.kind()), fullMode(entry), entry.size(), link);
            sink.write(record, 0, record.length);
            return;
        }
        if (PaxHeader.applies(entry.name(), link, entry.size())) {
            byte[] records = PaxHeader.records(entry.name(), type(entry.kind()), fullMode(entry), entry.size(), link);
            sink.write(records, 0, records.length);
            return;
        }
        ByteArrayOutputStream records = new ByteArrayOutputStream(4 * TarSink.RECORD);
        newTarStream(records).putArchiveEntry(header(entry));
        if (records.size() % TarSink.RECORD != 0) {
            throw new IllegalStateException("tar header of " + records.size() + " bytes is not whole records");
        }
        // the stream is left with its entry open: only its header records are wanted
        sink.write(records.toByteArray(), 0, records.size());
    }

    private static byte type(TreeScanner.Kind kind) {
        return switch (kind) {
            case DIR -> TarConstants.LF_DIR;
            case SYMLINK -> TarConstants.LF_SYMLINK;
            case HARDLINK -> TarConstants.LF_LINK;
            case FILE -> TarConstants.LF_NORMAL;
        };
    }

    /** The mode with its file type bits, as the header stores it. */
    private static int fullMode(TreeScanner.Entry entry) {
        return switch (entry.kind()) {
            case DIR -> 040000 | entry.mode();
            case SYMLINK -> 0120000 | entry.mode();
            case HARDLINK, FILE -> 0100000 | entry.mode();
        };
    }

    /** The same header as a commons-compress entry, for the entries that need PAX records. */
    private static TarArchiveEntry header(TreeScanner.Entry entry) {
        TarArchiveEntry header = new TarArchiveEntry(entry.name(), type(entry.kind()));
        header.setMode(fullMode(entry));
        if (entry.kind() == TreeScanner.Kind.SYMLINK || entry.kind() == TreeScanner.Kind.HARDLINK) {
            header.setLinkName(entry.link());
        }
        if (entry.kind() == TreeScanner.Kind.FILE) {
            header.setSize(entry.size());
        }
        header.setModTime(0L);
        header.setIds(0, 0);
        header.setUserName("");
        header.setGroupName("");
        return header;
    }
}
