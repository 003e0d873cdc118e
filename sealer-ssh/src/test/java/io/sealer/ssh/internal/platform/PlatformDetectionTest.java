package io.sealer.ssh.internal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.spi.HostPlatform;
import org.junit.jupiter.api.Test;

class PlatformDetectionTest {
    @Test
    void amd64() {
        HostPlatform platform = detect("kernel=Linux\nmachine=x86_64\ntar=yes\nsha256sum=yes\n");
        assertThat(platform.platform()).hasToString("linux/amd64");
        assertThat(platform.kernel()).isEqualTo("Linux");
        assertThat(platform.machine()).isEqualTo("x86_64");
    }

    @Test
    void arm64IsV8WhichNormalisesAway() {
        HostPlatform platform = detect("kernel=Linux\nmachine=aarch64\ncpuinfo=CPU architecture: 8\n"
                + "cpuinfo=CPU architecture: 8\n");
        assertThat(platform.platform()).hasToString("linux/arm64");
    }

    @Test
    void armv7FromCpuinfo() {
        assertThat(detect("kernel=Linux\nmachine=armv7l\ncpuinfo=model name\t: ARMv7 Processor rev 4 (v7l)\n"
                + "cpuinfo=CPU architecture: 7\n").platform()).hasToString("linux/arm/v7");
    }

    @Test
    void raspberryPiArmv6ReportsSevenButIsSix() {
        assertThat(detect("kernel=Linux\nmachine=armv6l\ncpuinfo=model name\t: ARMv6-compatible processor rev 7 (v6l)\n"
                + "cpuinfo=CPU architecture: 7\n").platform()).hasToString("linux/arm/v6");
    }

    @Test
    void withoutCpuinfoTheMachineNameTells() {
        assertThat(detect("kernel=Linux\nmachine=armv7l\n").platform()).hasToString("linux/arm/v7");
        assertThat(detect("kernel=Linux\nmachine=armv5tel\n").platform()).hasToString("linux/arm/v5");
    }

    @Test
    void otherArchitecturesPassThrough() {
        assertThat(detect("kernel=Linux\nmachine=ppc64le\n").platform()).hasToString("linux/ppc64le");
        assertThat(detect("kernel=Linux\nmachine=i686\n").platform()).hasToString("linux/386");
    }

    @Test
    void theProbeSaysWhichToolsThereAre() {
        HostFacts facts = HostFacts.parse("kernel=Linux\nmachine=x86_64\nsha256sum=yes\n");
        assertThat(facts.tar()).isFalse();
    }

    private static HostPlatform detect(String probe) {
        return PlatformDetection.platform(HostFacts.parse(probe));
    }
}
