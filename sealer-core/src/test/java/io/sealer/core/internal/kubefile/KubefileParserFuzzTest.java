package io.sealer.core.internal.kubefile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sealer.api.SealerException;
import io.sealer.api.kubefile.Instruction;
import io.sealer.api.kubefile.Kubefile;
import java.nio.charset.StandardCharsets;

/**
 * Property: any input gives a {@link Kubefile} or a {@link SealerException}, never another exception, a hang or an
 * out-of-memory error. Under plain {@code mvn test} this runs the seed corpus in
 * {@code src/test/resources/io/sealer/core/kubefile/KubefileParserFuzzTestInputs/parseNeverFailsUnexpectedly/} as a
 * regression test. To fuzz (from the repository root):
 * {@code JAZZER_FUZZ=1 mvn -pl sealer-core -am test -Dtest=KubefileParserFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code maxDuration} bounds the run); findings are written next to the seeds, the generated corpus to the
 * git-ignored {@code sealer-core/.cifuzz-corpus/}.
 */
class KubefileParserFuzzTest {
    private final KubefileParser parser = new KubefileParser();

    @FuzzTest(maxDuration = "30s")
    void parseNeverFailsUnexpectedly(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Kubefile kubefile;
        try {
            kubefile = parser.parse("Kubefile", text);
        } catch (SealerException expected) {
            assertThat(expected.getMessage()).startsWith("Kubefile");
            return;
        }
        assertThat(kubefile.instructions()).isNotEmpty();
        assertThat(kubefile.instructions().get(0)).isSameAs(kubefile.from());
        int previous = 0;
        for (Instruction instruction : kubefile.instructions()) {
            assertThat(instruction.line()).isGreaterThan(previous);
            assertThat(instruction.original()).isNotBlank();
            previous = instruction.line();
        }
    }
}
