package io.sealer.registry.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustMaterialTest {
    @TempDir
    Path dir;

    @Test
    void withoutExtraFilesTheJdkDefaultsAreUsed() throws Exception {
        assertThat(TrustMaterial.context(List.of())).isSameAs(javax.net.ssl.SSLContext.getDefault());
    }

    @Test
    void aFileThatIsNotPemIsNamed() throws IOException {
        Path bad = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n"
                + "-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> TrustMaterial.context(List.of(bad))).isInstanceOf(RegistryException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("PEM");
    }
}
