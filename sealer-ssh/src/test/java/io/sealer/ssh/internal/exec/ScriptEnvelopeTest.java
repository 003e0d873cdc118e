package io.sealer.ssh.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bootstrap, run by a local /bin/sh as sshd would run the exec request. */
class ScriptEnvelopeTest {
    @Test
    void theScriptRunsAndTheRestOfStdinIsItsInput() throws Exception {
        ScriptEnvelope envelope = ScriptEnvelope.of("echo \"script $((1+1))\"\ncat", Privilege.NONE);
        assertThat(envelope.commandLine()).doesNotContain("$((1+1))");
        Result result = run(envelope.commandLine(), concat(envelope.stdinHead(), "payload\n".getBytes()));
        assertThat(result.stdout).isEqualTo("script 2\npayload\n");
        assertThat(result.exit).isZero();
    }

    @Test
    void anUnreadPasswordLineIsNeverRun() throws Exception {
        ScriptEnvelope envelope = ScriptEnvelope.of("echo ok", Privilege.sudoWithPassword("echo pwned"));
        assertThat(envelope.commandLine()).startsWith("sudo -S -p '' /bin/bash -c ");
        String bash = envelope.commandLine().substring("sudo -S -p '' ".length());
        Result result = run(bash, envelope.stdinHead());
        assertThat(result.stdout).isEqualTo("ok\n");
    }

    @Test
    void aScriptCutShortIsNotRun() throws Exception {
        ScriptEnvelope envelope = ScriptEnvelope.of("echo first\necho second", Privilege.NONE);
        byte[] head = envelope.stdinHead();
        Result result = run(envelope.commandLine(), Arrays.copyOf(head, head.length - 10));
        assertThat(result.stdout).isEmpty();
        assertThat(result.exit).isEqualTo(ScriptEnvelope.INCOMPLETE_SCRIPT);
    }

    @Test
    void thePasswordIsNotInToString() {
        assertThat(ScriptEnvelope.of("true", Privilege.sudoWithPassword("hunter2")).toString())
                .doesNotContain("hunter2");
        assertThat(Privilege.sudoWithPassword("hunter2").toString()).doesNotContain("hunter2");
    }

    private record Result(String stdout, int exit) {
    }

    private static Result run(String commandLine, byte[] stdin) throws Exception {
        Process process = new ProcessBuilder("/bin/sh", "-c", commandLine).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(out.toString(StandardCharsets.UTF_8), process.exitValue());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
