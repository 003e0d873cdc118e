package io.sealer.ssh.internal.hostkey;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.junit.jupiter.api.Test;

class HostPatternsTest {
    private static final String KEY = " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB7Q1WGzGhOdxTqS/xR9rZl0Q3y1O3Kq8wq8q8q8q8q8";

    @Test
    void plainNamesMatchPort22Only() {
        assertThat(matches("10.0.0.2" + KEY, "10.0.0.2", 22)).isTrue();
        assertThat(matches("10.0.0.2" + KEY, "10.0.0.2", 2222)).isFalse();
        assertThat(matches("[10.0.0.2]:2222" + KEY, "10.0.0.2", 2222)).isTrue();
        assertThat(matches("[10.0.0.2]:2222" + KEY, "10.0.0.2", 22)).isFalse();
    }

    @Test
    void wildcardsListsAndNegationAsOpenSsh() {
        assertThat(matches("10.0.0.*,other" + KEY, "10.0.0.7", 22)).isTrue();
        assertThat(matches("*" + KEY, "10.0.0.7", 2222)).isTrue();
        assertThat(matches("node?.example" + KEY, "NODE1.example", 22)).isTrue();
        assertThat(matches("*.example,!bad.example" + KEY, "bad.example", 22)).isFalse();
        assertThat(matches("@revoked *.example" + KEY, "a.example", 22)).isTrue();
    }

    private static boolean matches(String line, String host, int port) {
        return HostPatterns.matches(KnownHostEntry.parseKnownHostEntry(line), new HostKeyTarget(host, port));
    }
}
