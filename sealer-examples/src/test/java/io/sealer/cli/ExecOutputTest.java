package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.cluster.HostExecResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecOutputTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private boolean print(List<HostExecResult> results) {
        return ExecOutput.print(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), results);
    }

    @Test
    void everyLineIsPrefixedWithItsHostInOrder() {
        boolean ok = print(List.of(
                new HostExecResult("10.0.0.2", 0, List.of("NAME     STATUS", "master0  Ready"), Optional.empty()),
                new HostExecResult("10.0.0.3", 0, List.of(), Optional.empty()),
                new HostExecResult("fd00::4", 0, List.of("  indented  "), Optional.empty())));
        assertThat(ok).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("[10.0.0.2] NAME     STATUS",
                "[10.0.0.2] master0  Ready", "[fd00::4]   indented  ");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void failedHostsAreNamedOnStandardError() {
        boolean ok = print(List.of(
                new HostExecResult("10.0.0.2", 0, List.of("ok"), Optional.empty()),
                new HostExecResult("10.0.0.3", 3, List.of("no such file"), Optional.empty()),
                new HostExecResult("10.0.0.4", -1, List.of(), Optional.of("connection refused"))));
        assertThat(ok).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("[10.0.0.2] ok",
                "[10.0.0.3] no such file");
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly("[10.0.0.3] exit status 3",
                "[10.0.0.4] could not run: connection refused",
                "sealer: the command failed on 2 of 3 hosts: 10.0.0.3, 10.0.0.4");
    }
}
