package io.sealer.ssh.internal.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.cluster.SshCredentials;
import org.junit.jupiter.api.Test;

class HostTargetTest {
    private static final SshCredentials PORT_2022 = new SshCredentials("deploy", null, null, null, 2022);

    @Test
    void addressesWithAndWithoutPorts() {
        assertThat(HostTarget.of("10.0.0.2", SshCredentials.EMPTY)).isEqualTo(
                new HostTarget("10.0.0.2", "10.0.0.2", 22, "root"));
        assertThat(HostTarget.of("10.0.0.2", PORT_2022).port()).isEqualTo(2022);
        assertThat(HostTarget.of("10.0.0.2:2200", PORT_2022).port()).isEqualTo(2200);
        assertThat(HostTarget.of("[fd00::2]:2200", PORT_2022)).isEqualTo(
                new HostTarget("[fd00::2]:2200", "fd00::2", 2200, "deploy"));
        assertThat(HostTarget.of("fd00::2", PORT_2022).host()).isEqualTo("fd00::2");
        assertThat(HostTarget.of("10.0.0.2", PORT_2022)).hasToString("deploy@10.0.0.2:2022");
    }

    @Test
    void poolKeyIgnoresHowTheAddressWasWritten() {
        assertThat(HostTarget.of("10.0.0.2", SshCredentials.EMPTY).key())
                .isEqualTo(HostTarget.of("10.0.0.2:22", SshCredentials.EMPTY).key());
    }

    @Test
    void badAddresses() {
        assertThatThrownBy(() -> HostTarget.of("10.0.0.2:x", SshCredentials.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostTarget.of("10.0.0.2:70000", SshCredentials.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostTarget.of("[fd00::2", SshCredentials.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
