package io.sealer.ssh.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.spi.RemoteCommand;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandScriptTest {
    @Test
    void exportsAreSortedAndQuotedAsSealerWritesThem() {
        assertThat(CommandScript.exports(Map.of("B", "two words", "A", "say \"hi\" $USER `id` \\", "PATH", "/bin")))
                .isEqualTo("export A=\"say \\\"hi\\\" \\$USER \\`id\\` \\\\\"; export B=\"two words\"; "
                        + "export PATH=\"/bin\"; ");
    }

    @Test
    void pathGetsTheSystemDirectoriesWhenUnset() {
        assertThat(CommandScript.exports(Map.of("K", "v"))).isEqualTo(
                "export PATH=\"${PATH:+$PATH:}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"; "
                        + "export K=\"v\"; ");
    }

    @Test
    void invalidNamesAreRefusedWithoutTheirValue() {
        assertThatThrownBy(() -> CommandScript.exports(Map.of("A-B", "secret")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A-B")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    @Test
    void theGroupLineNeedsTheRunsToken() {
        String script = CommandScript.of(RemoteCommand.of("true"), "abc");
        assertThat(script).contains("set -m\n{ exec 2>&3 3>&-; eval \"$__sealer_cmd\"; } &\n")
                .contains("echo \"__sealer_pgid_abc=$__sealer_job\" >&2");
        assertThat(CommandScript.groupLine("__sealer_pgid_abc=1234", "abc")).isEqualTo(1234);
        assertThat(CommandScript.groupLine("__sealer_pgid_abd=1234", "abc")).isEqualTo(-1);
        assertThat(CommandScript.groupLine("__sealer_pgid_abc=12x", "abc")).isEqualTo(-1);
    }

    @Test
    void aQuickCommandLeavesNoJobReportAndASyntaxErrorIsShown() throws Exception {
        for (int i = 0; i < 200; i++) {
            Run run = bash(CommandScript.of(RemoteCommand.of("echo hi"), "t"));
            assertThat(run.stdout()).isEqualTo("hi\n");
            assertThat(run.stderr()).matches("__sealer_pgid_t=\\d+\n");
            assertThat(run.exit()).isZero();
        }
        Run broken = bash(CommandScript.of(RemoteCommand.of("echo (oops"), "t"));
        assertThat(broken.stderr()).contains("syntax error");
        assertThat(broken.exit()).isEqualTo(2);
        assertThat(bash(CommandScript.of(RemoteCommand.of("exit 5"), "t")).exit()).isEqualTo(5);
    }

    private record Run(String stdout, String stderr, int exit) {
    }

    /** Runs {@code script} as the bootstrap does: eval'd by bash. */
    private static Run bash(String script) throws Exception {
        Process process = new ProcessBuilder("/bin/bash", "-c", "eval \"$1\"", "bash", script).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Run(out, err, process.waitFor());
    }

    @Test
    void singleQuotesSurviveAnyPosixShell() {
        assertThat(ShellQuoting.single("it's")).isEqualTo("'it'\\''s'");
    }
}
