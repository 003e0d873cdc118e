package io.sealer.registry.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
    @Test
    void parsesBearerWithCommasInsideQuotedScope() {
        AuthChallenge c = AuthChallenge.best(List.of("Bearer realm=\"https://auth.docker.io/token\","
                + "service=\"registry.docker.io\",scope=\"repository:samalba/my-app:pull,push\"")).orElseThrow();
        assertThat(c.isBearer()).isTrue();
        assertThat(c.param("realm")).contains("https://auth.docker.io/token");
        assertThat(c.param("service")).contains("registry.docker.io");
        assertThat(c.param("scope")).contains("repository:samalba/my-app:pull,push");
    }

    @Test
    void parsesBasicAndUnquotedValuesAndPrefersBearer() {
        List<AuthChallenge> all = AuthChallenge.parse("Basic realm=\"Registry Realm\", Bearer realm=x, service=y");
        assertThat(all).extracting(AuthChallenge::scheme).containsExactly("basic", "bearer");
        assertThat(all.get(0).param("realm")).contains("Registry Realm");
        assertThat(all.get(1).param("service")).contains("y");
        assertThat(AuthChallenge.best(List.of("Basic realm=\"r\"", "BEARER realm=\"t\"")).orElseThrow().isBearer())
                .isTrue();
    }

    @Test
    void ignoresUnknownOrEmptyHeaders() {
        assertThat(AuthChallenge.best(List.of())).isEmpty();
        assertThat(AuthChallenge.best(List.of("Negotiate abc"))).isEmpty();
        assertThat(AuthChallenge.parse("  ")).isEmpty();
    }
}
