package io.sealer.api.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "linux/amd64, linux/amd64",
            "amd64, linux/amd64",
            "x86_64, linux/amd64",
            "Linux/AARCH64, linux/arm64",
            "linux/arm64/v8, linux/arm64",
            "linux/arm/7, linux/arm/v7",
            "linux/arm/v6, linux/arm/v6",
            "darwin/arm64, darwin/arm64",
            "linux/i686, linux/386",
    })
    void parsesAndNormalises(String text, String expected) {
        assertThat(Platform.parse(text)).hasToString(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "linux/", "/amd64", "linux/arm/v7/x"})
    void rejectsMalformedPlatforms(String text) {
        assertThatThrownBy(() -> Platform.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "linux/amd64x, unknown architecture \"amd64x\"",
            "lnux/amd64, unknown operating system \"lnux\"",
            "arm65, unknown architecture \"arm65\"",
    })
    void rejectsPlatformsNoImageHas(String text, String message) {
        assertThatThrownBy(() -> Platform.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"").hasMessageContaining(message);
    }

    @Test
    void platformsReadFromRegistriesAreNotChecked() {
        assertThat(new Platform("unknown", "unknown", "")).hasToString("unknown/unknown");
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "linux/arm64, linux/arm64/v8, true",
            "linux/arm, linux/arm/v7, true",
            "linux/arm/v7, linux/arm/v6, false",
            "linux/amd64, linux/arm64, false",
            "linux/amd64, windows/amd64, false",
    })
    void matchesIgnoringAnEmptyVariant(String a, String b, boolean expected) {
        assertThat(Platform.parse(a).matches(Platform.parse(b))).isEqualTo(expected);
        assertThat(Platform.parse(b).matches(Platform.parse(a))).isEqualTo(expected);
    }

    @Test
    void equalAfterNormalisation() {
        assertThat(new Platform("Linux", "x86_64", null)).isEqualTo(Platform.LINUX_AMD64);
        assertThat(Platform.parse("linux/aarch64/v8")).isEqualTo(Platform.LINUX_ARM64);
        assertThat(Platform.host().os()).isNotBlank();
    }
}
