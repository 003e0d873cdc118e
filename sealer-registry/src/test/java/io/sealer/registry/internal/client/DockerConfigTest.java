package io.sealer.registry.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.RegistryException;
import io.sealer.api.registry.RegistryCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigTest {
    @TempDir
    Path dir;

    private Path config(String json) throws IOException {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsBase64AuthAndUsernamePasswordEntries() throws IOException {
        DockerConfig config = DockerConfig.load(config("{\"auths\":{"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hub:p:with:colons") + "\"},"
                + "\"quay.io\":{\"username\":\"q\",\"password\":\"qp\"},"
                + "\"http://localhost:5000\":{\"auth\":\"" + b64("l:lp") + "\"}}}"));
        assertThat(config.credentials("docker.io")).contains(new RegistryCredentials("hub", "p:with:colons"));
        assertThat(config.credentials("quay.io")).contains(new RegistryCredentials("q", "qp"));
        assertThat(config.credentials("localhost:5000")).contains(new RegistryCredentials("l", "lp"));
        assertThat(config.credentials("ghcr.io")).isEmpty();
    }

    @Test
    void missingFileIsEmptyAndMalformedFileIsNamed() throws IOException {
        assertThat(DockerConfig.load(dir.resolve("none.json")).credentials("docker.io")).isEmpty();
        Path bad = config("{\n\"auths\": [");
        assertThatThrownBy(() -> DockerConfig.load(bad)).isInstanceOf(RegistryException.class)
                .hasMessageContaining(bad.toString());
        Path badAuth = config("{\"auths\":{\"quay.io\":{\"auth\":\"" + b64("nocolon") + "\"}}}");
        assertThatThrownBy(() -> DockerConfig.load(badAuth).credentials("quay.io"))
                .hasMessageContaining("auths.quay.io.auth");
    }

    @Test
    void writesEntriesLikeDockerLoginKeepingOtherFields() throws IOException {
        Path file = config("{\"auths\":{\"quay.io\":{\"auth\":\"" + b64("a:b") + "\"}},\"credsStore\":\"\","
                + "\"proxies\":{\"default\":{\"httpProxy\":\"x\"}}}");
        DockerConfig.load(file)
                .withCredentials("docker.io", new RegistryCredentials("me", "pw"))
                .withoutCredentials("quay.io")
                .write(file);
        String written = Files.readString(file);
        assertThat(written).contains("https://index.docker.io/v1/").contains(b64("me:pw")).contains("httpProxy")
                .doesNotContain("quay.io");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(DockerConfig.load(file).credentials("index.docker.io"))
                .contains(new RegistryCredentials("me", "pw"));
        assertThat(DockerConfig.load(file).toString()).doesNotContain("pw").doesNotContain(b64("me:pw"));
    }

    @Test
    void asksCredentialHelpersWithTheServerUrl() throws IOException {
        Path helper = dir.resolve("docker-credential-fake");
        Files.writeString(helper, "#!/bin/sh\nread server\nif [ \"$server\" = \"ghcr.io\" ]; then\n"
                + "  echo '{\"ServerURL\":\"ghcr.io\",\"Username\":\"gh\",\"Secret\":\"ghs\"}'\n"
                + "else\n  echo 'credentials not found in native keychain'; exit 1\nfi\n");
        helper.toFile().setExecutable(true);
        Path file = config("{\"credHelpers\":{\"ghcr.io\":\"fake\"},\"credsStore\":\"fake\"}");
        DockerConfig config = DockerConfig.load(file, name -> List.of(dir.resolve("docker-credential-" + name)
                .toString()));
        assertThat(config.credentials("ghcr.io")).contains(new RegistryCredentials("gh", "ghs"));
        assertThat(config.credentials("quay.io")).isEmpty();
    }

    @Test
    void failingHelperIsReportedWithoutItsOutput() throws IOException {
        Path helper = dir.resolve("docker-credential-broken");
        Files.writeString(helper, "#!/bin/sh\necho 'leaked-secret'\nexit 3\n");
        helper.toFile().setExecutable(true);
        DockerConfig config = DockerConfig.load(config("{\"credsStore\":\"broken\"}"),
                name -> List.of(dir.resolve("docker-credential-" + name).toString()));
        assertThatThrownBy(() -> config.credentials("quay.io")).isInstanceOf(RegistryException.class)
                .hasMessageContaining("exit code 3").hasMessageNotContaining("leaked-secret");
    }
}
