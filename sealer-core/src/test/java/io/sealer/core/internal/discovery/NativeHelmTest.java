package io.sealer.core.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.BuildException;
import org.junit.jupiter.api.Test;

class NativeHelmTest {
    @Test
    void thisMachinesLibraryIsFoundAndAPlatformWithoutOneIsAClearError() {
        assertThat(NativeHelm.hasLibraryFor(NativeHelm.platform())).as(NativeHelm.platform()).isTrue();

        assertThatThrownBy(() -> NativeHelm.requireLibrary("charts/web", "linux/riscv64"))
                .isInstanceOf(BuildException.class)
                .hasMessageStartingWith("charts/web: charts cannot be rendered on this machine (linux/riscv64)")
                .hasMessageContaining("no native Helm library");
    }

    @Test
    void platformsAreNamedAsHelmJavaNamesItsLibraries() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        try {
            System.setProperty("os.name", "Mac OS X");
            System.setProperty("os.arch", "aarch64");
            assertThat(NativeHelm.platform()).isEqualTo("darwin/arm64");
            System.setProperty("os.name", "Linux");
            System.setProperty("os.arch", "x86_64");
            assertThat(NativeHelm.platform()).isEqualTo("linux/amd64");
        } finally {
            System.setProperty("os.name", os);
            System.setProperty("os.arch", arch);
        }
    }
}
