package io.sealer.core.internal.plugin.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.PluginException;
import io.sealer.api.plugin.FakePluginContext;
import io.sealer.api.plugin.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnamePluginTest {
    private static FakePluginContext context(String data, String... hosts) {
        return new FakePluginContext(FakePluginContext.spec("hostnames", "HOSTNAME", data), List.of(hosts),
                "10.0.0.2");
    }

    @Test
    void setsTheHostnameOfTheTargetsOnly() {
        FakePluginContext context = context("""
                # masters
                10.0.0.2 master-0

                10.0.0.3   node-1
                10.0.0.9 node-9
                """, "10.0.0.2", "10.0.0.3");

        new HostnamePlugin().run(context, Phase.PRE_INIT);

        assertThat(context.calls).extracting(Object::toString).containsExactly(
                "10.0.0.2: hostname master-0 && echo master-0 > /etc/hostname",
                "10.0.0.3: hostname node-1 && echo node-1 > /etc/hostname");
    }

    @Test
    void upperCaseNamesAreLowerCasedWithAWarning() {
        FakePluginContext context = context("10.0.0.3 Node-1", "10.0.0.3");

        new HostnamePlugin().run(context, Phase.PRE_JOIN);

        assertThat(context.commandsOn("10.0.0.3")).containsExactly("hostname node-1 && echo node-1 > /etc/hostname");
        assertThat(context.logs).anyMatch(l -> l.startsWith("WARNING") && l.contains("line 1")
                && l.contains("'Node-1' lower-cased to 'node-1'"));
    }

    @Test
    void ipv6TargetsMatchInCanonicalForm() {
        FakePluginContext context = context("fd00:0:0::3 node-1", "fd00::3");

        new HostnamePlugin().run(context, Phase.PRE_INIT);

        assertThat(context.calls).extracting(FakePluginContext.Call::host).containsExactly("fd00::3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "10.0.0.2 master-0\\n10.0.0.3                      | 2 | expected 'IP hostname' (2 fields), found 1",
        "10.0.0.2 master-0 extra                           | 1 | expected 'IP hostname' (2 fields), found 3",
        "\\n\\n10.0.0.300 node-1                           | 3 | '10.0.0.300' is not an IP address",
        "node-1 10.0.0.2                                   | 1 | 'node-1' is not an IP address",
        "10.0.0.2 node_1                                   | 1 | hostname 'node_1' is not an RFC 1123 label",
        "10.0.0.2 -node                                    | 1 | hostname '-node' is not an RFC 1123 label",
        "10.0.0.2 node-1\\n10.0.0.2 node-2                 | 2 | 10.0.0.2 already has a hostname on line 1",
        "10.0.0.2 node-1\\n# x\\n10.0.0.3 NODE-1          | 3 | hostname node-1 is already given to 10.0.0.2 on line 1",
    })
    void badLinesAreErrorsNamingTheLine(String data, int line, String problem) {
        FakePluginContext context = context(data.replace("\\n", "\n"), "10.0.0.2");

        assertThatThrownBy(() -> new HostnamePlugin().run(context, Phase.PRE_INIT))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("hostnames: HOSTNAME data line " + line + " '")
                .hasMessageContaining(problem);
        assertThat(context.calls).isEmpty();
    }

    @Test
    void aFailingCommandNamesTheHost() {
        FakePluginContext context = context("10.0.0.2 master-0", "10.0.0.2")
                .reply("hostname master-0 && echo master-0 > /etc/hostname",
                        FakePluginContext.exit(1, "hostname: you must be root to change the host name"));

        assertThatThrownBy(() -> new HostnamePlugin().run(context, Phase.PRE_INIT))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("setting the hostname to master-0 on 10.0.0.2 failed with exit status 1")
                .hasMessageContaining("you must be root");
    }
}
