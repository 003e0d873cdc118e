package io.sealer.core.internal.clusterfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sealer.api.SealerException;
import io.sealer.api.cluster.Clusterfile;
import java.nio.charset.StandardCharsets;

/**
 * Property: any input gives a {@link Clusterfile} or a {@link SealerException}; never another exception, a hang or
 * an out-of-memory error. Plain {@code mvn test} replays the committed seeds in
 * {@code src/test/resources/io/sealer/core/clusterfile/ClusterfileParserFuzzTestInputs/parse/}; to fuzz, run from
 * the project root: {@code JAZZER_FUZZ=1 mvn -pl sealer-core -am test -Dtest=ClusterfileParserFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false} (stop it with Ctrl-C or raise {@code maxDuration}).
 */
class ClusterfileParserFuzzTest {
    private final ClusterfileParser parser = new ClusterfileParser();

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Clusterfile clusterfile;
        try {
            clusterfile = parser.parse("fuzz", text);
        } catch (SealerException expected) {
            assertThat(expected.getMessage()).startsWith("fuzz");
            return;
        }
        // a Cluster may list no hosts (sealer run -m supplies them); when it lists some, one is master0
        assertThat(clusterfile.cluster().master0().isPresent()).isEqualTo(!clusterfile.cluster().hosts().isEmpty());
        assertThat(clusterfile.cluster().hosts()).allSatisfy(host -> assertThat(host.ips()).isNotEmpty());
    }
}
