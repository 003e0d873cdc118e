package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.cluster.SshCredentials;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ENV registryPassword=passw0rd a=1|ENV registryPassword=*** a=1",
        "ENV PASSWD=\"two words\" b=2|ENV PASSWD=*** b=2",
        "RUN login --password='x y' -u admin|RUN login --password=*** -u admin",
        "RUN kubeadm join --token=abc.def|RUN kubeadm join --token=***",
        "RUN echo password is secret|RUN echo password is secret"})
    void secretPairsInTextAreMasked(String text, String masked) {
        assertThat(Output.maskInline(text)).isEqualTo(masked);
    }

    @Test
    void modelMasksSecretFieldsAndKeepsEveryOtherValue() {
        record Holder(SshCredentials ssh, Optional<String> note, Map<String, Object> content, List<Integer> ports) {
        }
        Holder holder = new Holder(new SshCredentials("root", "000000", "/root/.ssh/id_rsa", null, 22),
                Optional.empty(), Map.of("discovery", Map.of("tlsBootstrapToken", "abc", "timeout", "5m")),
                List.of(22, 2222));

        String json = Output.model(holder).toString();

        assertThat(json).isEqualTo("{\"ssh\":{\"user\":\"root\",\"password\":\"***\",\"privateKey\":"
                + "\"/root/.ssh/id_rsa\",\"privateKeyPassword\":null,\"port\":22},\"note\":null,\"content\":"
                + "{\"discovery\":{" + (json.indexOf("tlsBootstrapToken") < json.indexOf("timeout")
                        ? "\"tlsBootstrapToken\":\"***\",\"timeout\":\"5m\"" : "\"timeout\":\"5m\",\"tlsBootstrapToken\":\"***\"")
                + "}},\"ports\":[22,2222]}");
    }
}
