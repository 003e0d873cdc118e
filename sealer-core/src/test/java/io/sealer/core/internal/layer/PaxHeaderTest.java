package io.sealer.core.internal.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

/** Pins {@link PaxHeader}'s records to commons-compress's for long ASCII names and link targets. */
class PaxHeaderTest {
    private static final String HEX = "0123456789abcdef";
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void registryLayoutNamesMatchCommonsCompress() throws IOException {
        String digest = randomString(64, HEX);
        String base = "registry/docker/registry/v2/repositories/library/nginx/";
        for (String name : new String[] {
                base + "_layers/sha256/" + digest + "/link",
                base + "_manifests/revisions/sha256/" + digest + "/",
                "registry/docker/registry/v2/blobs/sha256/" + digest.substring(0, 2) + "/" + digest + "/data"}) {
            byte type = name.endsWith("/") ? TarConstants.LF_DIR : TarConstants.LF_NORMAL;
            int mode = name.endsWith("/") ? 040755 : 0100644;
            assertSameAsCommonsCompress(name, type, mode, name.endsWith("/") ? 0 : 71, "");
        }
    }

    @Test
    void namesAndLinksAroundEveryLengthBoundaryMatchCommonsCompress() throws IOException {
        // 100 bytes: the ustar field; 491..500 and 995..1001: the PAX record's length gaining a digit and its data
        // filling a record; short names of 84/85 bytes: the PAX header's own name reaching its 99 bytes; backslashes
        // and NULs are replaced in that name like slashes
        int[] lengths = {100, 101, 102, 150, 491, 492, 493, 494, 495, 496, 497, 498, 499, 500, 995, 996, 997, 998, 999,
            1000, 1001, 4000};
        int[] shortLengths = {1, 60, 84, 85, 99};
        String alphabet = "abcXYZ019-_.+~ /\\";
        for (int length : lengths) {
            String name = randomString(length, alphabet);
            String link = randomString(length, alphabet);
            String shortName = randomString(shortLengths[random.nextInt(shortLengths.length)], alphabet);
            assertSameAsCommonsCompress(name, TarConstants.LF_NORMAL, 0100755, random.nextLong(1L << 33), "");
            assertSameAsCommonsCompress(name, TarConstants.LF_SYMLINK, 0120777, 0, link);
            assertSameAsCommonsCompress(name, TarConstants.LF_LINK, 0100644, 0, shortName);
            assertSameAsCommonsCompress(name + "/", TarConstants.LF_DIR, 040755, 0, "");
            for (int shortLength : shortLengths) {
                String shortLinkName = randomString(shortLength, alphabet);
                assertSameAsCommonsCompress(shortLinkName, TarConstants.LF_SYMLINK, 0120777, 0, link);
            }
        }
    }

    @Test
    void onlyLongAsciiEntriesWithAnOctalSizeApply() {
        String longName = "n".repeat(100);
        assertThat(PaxHeader.applies(longName, "", 10)).isTrue();
        assertThat(PaxHeader.applies("short", "t".repeat(100), 0)).isTrue();
        assertThat(PaxHeader.applies("n".repeat(99), "t".repeat(99), 0)).as("fits the plain header").isFalse();
        assertThat(PaxHeader.applies(longName + "\u00e9", "", 0)).as("non-ASCII name").isFalse();
        assertThat(PaxHeader.applies(longName, "\u00e9", 0)).as("non-ASCII link").isFalse();
        assertThat(PaxHeader.applies(longName, "", 077777777777L + 1)).as("size beyond the octal field").isFalse();
    }

    private void assertSameAsCommonsCompress(String name, byte type, int mode, long size, String link)
            throws IOException {
        assertThat(PaxHeader.applies(name, link, size)).as("applies to %s -> %s", name, link).isTrue();
        byte[] actual = PaxHeader.records(name, type, mode, size, link);
        byte[] expected = commonsCompress(name, type, mode, size, link);
        assertThat(actual).as("%s -> %s", name, link).isEqualTo(expected);
    }

    private static byte[] commonsCompress(String name, byte type, int mode, long size, String link)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setMode(mode);
        if (!link.isEmpty()) {
            entry.setLinkName(link);
        }
        if (type == TarConstants.LF_NORMAL) {
            entry.setSize(size);
        }
        entry.setModTime(0L);
        entry.setIds(0, 0);
        entry.setUserName("");
        entry.setGroupName("");
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        ReproducibleTar.newTarStream(records).putArchiveEntry(entry);
        return records.toByteArray();
    }

    /** A relative name (as in a layer: no leading slash) of {@code length} characters. */
    private String randomString(int length, String alphabet) {
        StringBuilder s = new StringBuilder(length).append('r');
        for (int i = 1; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
