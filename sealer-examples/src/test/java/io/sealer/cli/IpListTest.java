package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpListTest {
    @Test
    void expandsCommaListsRangesAndRepeatedArgumentsInOrder() {
        assertThat(IpList.expand(List.of("192.168.0.2,192.168.0.3", "192.168.0.10-192.168.0.12", "10.0.0.254-255")))
                .containsExactly("192.168.0.2", "192.168.0.3", "192.168.0.10", "192.168.0.11", "192.168.0.12",
                        "10.0.0.254", "10.0.0.255");
        assertThat(IpList.expand(List.of(" 192.168.0.2 , 192.168.0.4-5 "))).containsExactly("192.168.0.2",
                "192.168.0.4", "192.168.0.5");
        assertThat(IpList.expand(List.of("10.0.0.255-10.0.1.1"))).containsExactly("10.0.0.255", "10.0.1.0",
                "10.0.1.1");
        assertThat(IpList.expand(List.of("192.168.0.7-192.168.0.7"))).containsExactly("192.168.0.7");
        assertThat(IpList.expand(List.of())).isEmpty();
    }

    @Test
    void ipv6IsCanonicalAndMayBeARange() {
        assertThat(IpList.expand(List.of("FD00:0:0:0:0:0:0:1", "2001:db8:0:0:1:0:0:1", "::1")))
                .containsExactly("fd00::1", "2001:db8::1:0:0:1", "::1");
        assertThat(IpList.expand(List.of("fd00::fe-fd00::101"))).containsExactly("fd00::fe", "fd00::ff", "fd00::100",
                "fd00::101");
    }

    @Test
    void aRangeOfAtMost4096AddressesIsAccepted() {
        assertThat(IpList.expand(List.of("10.0.0.0-10.0.15.255"))).hasSize(IpList.MAX_RANGE)
                .endsWith("10.0.15.255");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "300.1.1.1                 | '\"300.1.1.1\" is not an IP address'",
        "192.168.0.2;192.168.0.3   | '\"192.168.0.2;192.168.0.3\" is not an IP address'",
        "master-1.example.com      | '\"master-1.example.com\" is not an IP address or range'",
        "master1.example.com       | '\"master1.example.com\" is not an IP address'",
        "192.168.0.02              | '\"192.168.0.02\" is not an IP address (no leading zeros)'",
        "192.168.0.9-192.168.0.2   | 'range \"192.168.0.9-192.168.0.2\" ends before it starts'",
        "192.168.0.9-2             | 'range \"192.168.0.9-2\" ends before it starts'",
        "192.168.0.2-256           | 'range \"192.168.0.2-256\": \"256\" is not an IP address'",
        "192.168.0.2-192.168.0.x   | 'range \"192.168.0.2-192.168.0.x\": \"192.168.0.x\" is not an IP address'",
        "10.0.0.0-10.0.16.0        | 'range \"10.0.0.0-10.0.16.0\" has more than 4096 addresses'",
        "fd00::1-fd00::2:0         | 'range \"fd00::1-fd00::2:0\" has more than 4096 addresses'",
        "10.0.0.1-fd00::1          | 'range \"10.0.0.1-fd00::1\" mixes IPv4 and IPv6'",
        "'192.168.0.2,'            | '\"192.168.0.2,\" has an empty item'",
        "'192.168.0.2,192.168.0.1-3' | '192.168.0.2 is listed twice'",
        "fd00::1%eth0              | '\"fd00::1%eth0\" is not an IP address'",
        "1:::2                     | '\"1:::2\" is not an IP address'",
    })
    void aBadItemIsNamed(String argument, String message) {
        assertThatThrownBy(() -> IpList.expand(List.of(argument))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
