package io.sealer.registry.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(30));
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void backsOffExponentiallyUpToTheCap() {
        assertThat(policy.delay(1, Optional.empty(), now)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delay(2, Optional.empty(), now)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(3, Optional.empty(), now)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(30, Optional.empty(), now)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void honoursRetryAfterInSecondsOrAsDate() {
        assertThat(policy.delay(1, Optional.of("4"), now)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delay(1, Optional.of("Thu, 01 Jan 2026 00:00:12 GMT"), now))
                .isEqualTo(Duration.ofSeconds(12));
        assertThat(policy.delay(1, Optional.of("3600"), now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(2, Optional.of("soon"), now)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retriesOnlyServerErrorsAndTooManyRequests() {
        assertThat(RetryPolicy.retryable(500)).isTrue();
        assertThat(RetryPolicy.retryable(503)).isTrue();
        assertThat(RetryPolicy.retryable(429)).isTrue();
        assertThat(RetryPolicy.retryable(404)).isFalse();
        assertThat(RetryPolicy.retryable(401)).isFalse();
        assertThat(RetryPolicy.retryable(400)).isFalse();
        assertThat(policy.mayRetry(3)).isTrue();
        assertThat(policy.mayRetry(4)).isFalse();
    }
}
