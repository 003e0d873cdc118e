package io.sealer.core.internal.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayerExtractorTest {
    @TempDir
    Path tmp;
    Path root;
    Path outside;

    @BeforeEach
    void dirs() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
    }

    /** Builds a tar by hand; each spec is {type, name, linkOrContent}. */
    private static byte[] tar(String[]... specs) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, "UTF-8")) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String[] spec : specs) {
                TarArchiveEntry e;
                switch (spec[0]) {
                    case "dir" -> e = new TarArchiveEntry(spec[1], TarConstants.LF_DIR);
                    case "sym" -> {
                        e = new TarArchiveEntry(spec[1], TarConstants.LF_SYMLINK);
                        e.setLinkName(spec[2]);
                    }
                    case "link" -> {
                        e = new TarArchiveEntry(spec[1], TarConstants.LF_LINK);
                        e.setLinkName(spec[2]);
                    }
                    case "chr" -> e = new TarArchiveEntry(spec[1], TarConstants.LF_CHR);
                    default -> {
                        e = new TarArchiveEntry(spec[1], true);
                        e.setSize(spec[2].length());
                    }
                }
                out.putArchiveEntry(e);
                if (spec[0].equals("file")) {
                    out.write(spec[2].getBytes(StandardCharsets.UTF_8));
                }
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private LayerDigest extract(byte[] tar) {
        return LayerExtractor.extract(new ByteArrayInputStream(tar), root);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "/abs", "/etc/evil", "ok/../../../x"})
    void rejectsNamesThatEscape(String name) throws IOException {
        byte[] tar = tar(new String[] {"file", name, "boom"});

        assertThatThrownBy(() -> extract(tar)).isInstanceOf(UnsafeEntryException.class)
                .hasMessageContaining(name)
                .satisfies(e -> assertThat(((UnsafeEntryException) e).entry()).isEqualTo(name));
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void rejectsWritingThroughASymlink() throws IOException {
        byte[] tar = tar(new String[] {"sym", "s", outside.toString()}, new String[] {"file", "s/evil", "boom"});

        assertThatThrownBy(() -> extract(tar)).isInstanceOf(UnsafeEntryException.class)
                .hasMessageContaining("s/evil").hasMessageContaining("symbolic link");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void rejectsARelativeSymlinkEscapeToo() throws IOException {
        byte[] tar = tar(new String[] {"dir", "d/"}, new String[] {"sym", "d/up", "../../outside"},
                new String[] {"dir", "d/up/sub/"});

        assertThatThrownBy(() -> extract(tar)).isInstanceOf(UnsafeEntryException.class)
                .hasMessageContaining("d/up/sub");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aFileReplacesASymlinkInsteadOfWritingThroughIt() throws IOException {
        Path victim = Files.writeString(outside.resolve("victim"), "original");
        byte[] tar = tar(new String[] {"sym", "f", victim.toString()}, new String[] {"file", "f", "replaced"});

        extract(tar);

        assertThat(Files.isSymbolicLink(root.resolve("f"))).isFalse();
        assertThat(Files.readString(root.resolve("f"))).isEqualTo("replaced");
        assertThat(Files.readString(victim)).isEqualTo("original");
    }

    @Test
    void rejectsHardlinksToOutside() throws IOException {
        Files.writeString(outside.resolve("secret"), "secret");
        byte[] absolute = tar(new String[] {"link", "h", outside.resolve("secret").toString()});
        byte[] relative = tar(new String[] {"link", "h", "../outside/secret"});
        byte[] viaSymlink = tar(new String[] {"sym", "s", outside.toString()}, new String[] {"link", "h", "s/secret"});

        assertThatThrownBy(() -> extract(absolute)).isInstanceOf(UnsafeEntryException.class);
        assertThatThrownBy(() -> extract(relative)).isInstanceOf(UnsafeEntryException.class);
        assertThatThrownBy(() -> extract(viaSymlink)).isInstanceOf(UnsafeEntryException.class)
                .hasMessageContaining("symbolic link");
        assertThat(root.resolve("h")).doesNotExist();
    }

    @Test
    void rejectsDevices() throws IOException {
        byte[] tar = tar(new String[] {"chr", "dev/null", ""});

        assertThatThrownBy(() -> extract(tar)).isInstanceOf(UnsafeEntryException.class)
                .hasMessageContaining("dev/null").hasMessageContaining("unsupported entry type");
    }

    @Test
    void acceptsDotSlashPrefixesAndReportsTheDigestOfAllBytes() throws Exception {
        byte[] tar = tar(new String[] {"dir", "./a/"}, new String[] {"file", "./a/b", "bee"});

        LayerDigest digest = extract(tar);

        assertThat(Files.readString(root.resolve("a/b"))).isEqualTo("bee");
        assertThat(digest.size()).isEqualTo(tar.length);
        assertThat(digest.id()).isEqualTo("sha256:" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(tar)));
    }

    @Test
    void extractVerifiedRejectsOtherContent() throws IOException {
        byte[] tar = tar(new String[] {"file", "a", "x"});
        String wrong = "sha256:" + "0".repeat(64);

        assertThatThrownBy(() -> LayerExtractor.extractVerified(new ByteArrayInputStream(tar), root, wrong))
                .isInstanceOf(LayerDigestMismatchException.class)
                .hasMessageContaining(wrong)
                .satisfies(e -> assertThat(((LayerDigestMismatchException) e).expected()).isEqualTo(wrong));
    }
}
