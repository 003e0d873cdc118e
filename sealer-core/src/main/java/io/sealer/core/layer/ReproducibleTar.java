package io.sealer.core.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncoding;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * Writes a directory as a reproducible tar and hashes it in the same pass. Entries are sorted by name bytes, have
 * mtime 0, uid/gid 0, empty user and group names, and normalised modes (directories 0755, files 0644 or 0755 when
 * any execute bit is set, symbolic links 0777). Symbolic links keep their target verbatim, hard links are written
 * as links to the first name, long names use PAX headers. The same tree therefore gives the same bytes, and the
 * same {@code sha256:} id, on any machine.
 *
 * <p>Headers are made by commons-compress ({@link TarArchiveEntry}, and {@link TarArchiveOutputStream} for entries
 * that need PAX records), so the bytes are those of a plain {@code TarArchiveOutputStream}; file contents bypass it
 * and go straight from the file into the digest and the output. The tree is walked on a second thread while the
 * files are read and hashed.
 */
public final class ReproducibleTar {
    /** The ustar header fields can hold names and link targets shorter than this many bytes. */
    private static final int USTAR_NAME_MAX = TarConstants.NAMELEN;
    /** The largest size a ustar header holds in octal. */
    private static final long USTAR_SIZE_MAX = 077777777777L;
    private static final ZipEncoding UTF_8 = ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8.name());

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
                    writeHeader(sink, header(entry), record);
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
     * header when the name or link target is long or not ASCII, or the size too large for the header.
     */
    private static void writeHeader(TarSink sink, TarArchiveEntry header, byte[] record) throws IOException {
        if (fitsUstar(header.getName()) && fitsUstar(header.getLinkName()) && header.getSize() <= USTAR_SIZE_MAX) {
            header.writeEntryHeader(record, UTF_8, false);
            sink.write(record, 0, record.length);
            return;
        }
        ByteArrayOutputStream records = new ByteArrayOutputStream(4 * TarSink.RECORD);
        newTarStream(records).putArchiveEntry(header);
        if (records.size() % TarSink.RECORD != 0) {
            throw new IllegalStateException("tar header of " + records.size() + " bytes is not whole records");
        }
        // the stream is left with its entry open: only its header records are wanted
        sink.write(records.toByteArray(), 0, records.size());
    }

    /** True when {@code name} is ASCII and short enough for a ustar field, so it needs no PAX record. */
    private static boolean fitsUstar(String name) {
        if (name.length() >= USTAR_NAME_MAX) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static TarArchiveEntry header(TreeScanner.Entry entry) {
        TarArchiveEntry header;
        switch (entry.kind()) {
            case DIR -> {
                header = new TarArchiveEntry(entry.name(), TarConstants.LF_DIR);
                header.setMode(040000 | entry.mode());
            }
            case SYMLINK -> {
                header = new TarArchiveEntry(entry.name(), TarConstants.LF_SYMLINK);
                header.setLinkName(entry.link());
                header.setMode(0120000 | entry.mode());
            }
            case HARDLINK -> {
                header = new TarArchiveEntry(entry.name(), TarConstants.LF_LINK);
                header.setLinkName(entry.link());
                header.setMode(0100000 | entry.mode());
            }
            default -> {
                header = new TarArchiveEntry(entry.name(), TarConstants.LF_NORMAL);
                header.setMode(0100000 | entry.mode());
                header.setSize(entry.size());
            }
        }
        header.setModTime(0L);
        header.setIds(0, 0);
        header.setUserName("");
        header.setGroupName("");
        return header;
    }
}
