package io.sealer.core.internal.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.core.internal.io.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarSinkTest {
    @TempDir
    Path tmp;

    @Test
    void copiesAFileAndPadsItToAWholeRecord() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "hello");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarSink sink = new TarSink(out);

        sink.file(file, 5);
        sink.flush();

        byte[] expected = new byte[512];
        System.arraycopy("hello".getBytes(StandardCharsets.US_ASCII), 0, expected, 0, 5);
        assertThat(out.toByteArray()).isEqualTo(expected);
        assertThat(sink.count()).isEqualTo(512);
        assertThat(sink.id()).isEqualTo(Digests.sha256Id(expected));
    }

    @Test
    void aFileWhoseLengthNoLongerMatchesItsHeaderFails() throws Exception {
        Path file = Files.write(tmp.resolve("f"), new byte[1000]);
        TarSink sink = new TarSink(new ByteArrayOutputStream());

        assertThatThrownBy(() -> sink.file(file, 999)).isInstanceOf(IOException.class).hasMessageContaining("grew");
        assertThatThrownBy(() -> new TarSink(new ByteArrayOutputStream()).file(file, 1001))
                .isInstanceOf(IOException.class).hasMessageContaining("shrank");
    }

    @Test
    void ustarHeadersMatchCommonsCompress() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        byte[] ours = new byte[512];
        byte[] theirs = new byte[512];
        long[] sizes = {0, 1, 511, 512, 077777777777L, 077777777776L, 1L << 32, 8_000_000_001L};
        for (int i = 0; i < 200; i++) {
            long size = i < sizes.length ? sizes[i] : random.nextLong(077777777777L + 1);
            String name = "d".repeat(random.nextInt(1, 99)) + (i % 2 == 0 ? "/" : "");
            String link = i % 3 == 0 ? "t".repeat(random.nextInt(1, 99)) : "";
            byte type = i % 3 == 0 ? TarConstants.LF_SYMLINK : TarConstants.LF_NORMAL;
            int mode = (i % 3 == 0 ? 0120000 : 0100000) | random.nextInt(07777 + 1);
            assertThat(UstarHeader.fits(name, link, size)).isTrue();

            UstarHeader.write(ours, name, type, mode, size, link);
            TarArchiveEntry entry = new TarArchiveEntry(name, type);
            entry.setMode(mode);
            entry.setSize(size);
            entry.setLinkName(link);
            entry.setModTime(0L);
            entry.setIds(0, 0);
            entry.setUserName("");
            entry.setGroupName("");
            entry.writeEntryHeader(theirs, ZipEncodingHelper.getZipEncoding("UTF-8"), false);

            assertThat(Arrays.mismatch(ours, theirs)).as("entry %d: %s", i, name).isEqualTo(-1);
        }
    }

    @Test
    void longNonAsciiOrHugeEntriesDoNotFitAPlainHeader() {
        assertThat(UstarHeader.fits("a".repeat(99), "", 0)).isTrue();
        assertThat(UstarHeader.fits("a".repeat(100), "", 0)).isFalse();
        assertThat(UstarHeader.fits("caf\u00e9", "", 0)).isFalse();
        assertThat(UstarHeader.fits("link", "caf\u00e9", 0)).isFalse();
        assertThat(UstarHeader.fits("link", "b".repeat(100), 0)).isFalse();
        assertThat(UstarHeader.fits("big", "", 077777777777L + 1)).isFalse();
    }
}
