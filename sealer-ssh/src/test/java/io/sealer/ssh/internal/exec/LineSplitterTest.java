package io.sealer.ssh.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    @Test
    void splitsAcrossWritesAndDropsCarriageReturns() {
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(lines::add);
        byte[] text = "one\r\ntw".getBytes(StandardCharsets.UTF_8);
        splitter.write(text, 0, text.length);
        byte[] more = "o\n\nüber\nlast".getBytes(StandardCharsets.UTF_8);
        splitter.write(more, 0, more.length);
        assertThat(lines).containsExactly("one", "two", "", "über");
        splitter.close();
        assertThat(lines).containsExactly("one", "two", "", "über", "last");
    }

    @Test
    void aVeryLongLineComesInPieces() {
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(lines::add);
        byte[] text = ("x".repeat(LineSplitter.MAX_LINE + 10) + "\n").getBytes(StandardCharsets.UTF_8);
        splitter.write(text, 0, text.length);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(LineSplitter.MAX_LINE);
        assertThat(lines.get(1)).hasSize(10);
    }
}
