package io.sealer.core.layer;

import com.google.common.io.CountingOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a directory as a reproducible tar and hashes it in the same pass. Entries are sorted by name bytes, have
 * mtime 0, uid/gid 0, empty user and group names, and normalised modes (directories 0755, files 0644 or 0755 when
 * any execute bit is set, symbolic links 0777). Symbolic links keep their target verbatim, hard links are written
 * as links to the first name, long names use PAX headers. The same tree therefore gives the same bytes, and the
 * same {@code sha256:} id, on any machine.
 */
public final class ReproducibleTar {
    private static final int BUFFER = 64 * 1024;

    private ReproducibleTar() {
    }

    /**
     * Writes {@code dir} as a tar to {@code out} (not closed) and returns its digest and length. A directory without
     * entries writes nothing and returns {@link LayerDigest#EMPTY}.
     *
     * @throws io.sealer.api.StoreException naming the file that could not be read or written
     */
    public static LayerDigest write(Path dir, OutputStream out) {
        List<TreeScanner.Entry> entries = TreeScanner.scan(dir);
        if (entries.isEmpty()) {
            return LayerDigest.EMPTY;
        }
        MessageDigest sha256 = Streams.sha256();
        CountingOutputStream counting = new CountingOutputStream(Streams.nonClosing(out));
        BufferedOutputStream buffered = new BufferedOutputStream(new DigestOutputStream(counting, sha256), BUFFER);
        Path current = dir;
        try {
            TarArchiveOutputStream tar = newTarStream(buffered);
            for (TreeScanner.Entry entry : entries) {
                current = entry.path();
                tar.putArchiveEntry(header(entry));
                if (entry.kind() == TreeScanner.Kind.FILE && entry.size() > 0) {
                    try (InputStream in = Files.newInputStream(entry.path(), LinkOption.NOFOLLOW_LINKS)) {
                        in.transferTo(tar);
                    }
                }
                tar.closeArchiveEntry();
            }
            current = dir;
            tar.finish();
            buffered.flush();
        } catch (IOException e) {
            throw IoFailures.wrap(current, "writing layer tar", e);
        }
        return new LayerDigest("sha256:" + HexFormat.of().formatHex(sha256.digest()), counting.getCount());
    }

    /** The digest of {@code dir}'s reproducible tar, computed without storing the tar anywhere. */
    public static LayerDigest digest(Path dir) {
        return write(dir, OutputStream.nullOutputStream());
    }

    static TarArchiveOutputStream newTarStream(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        return tar;
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
