package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.build.BuildRequest;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.api.registry.RegistrySettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How build's options become the BuildRequest and registry settings, sealer's spellings and comma forms included. */
class BuildOptionsTest {
    @TempDir
    Path dir;

    private BuildCommand parse(String... args) {
        CommandLine commandLine = Cli.commandLine(dir, Map.of());
        CommandLine.ParseResult result = commandLine.parseArgs(args);
        return (BuildCommand) result.subcommand().commandSpec().userObject();
    }

    @Test
    void commaFormsAndRepeatsReachTheRequest() throws Exception {
        BuildRequest request = parse("build", "-t", "app:1", "--build-arg", "A=1,B=2", "--build-arg", "C=3",
                "--platform", "linux/amd64,linux/arm64", "--platform", "linux/arm/v7", "ctx").request();
        assertThat(request.buildArgs()).containsExactly(Map.entry("A", "1"), Map.entry("B", "2"), Map.entry("C", "3"));
        assertThat(request.platforms()).containsExactly(Platform.LINUX_AMD64, Platform.LINUX_ARM64,
                Platform.parse("linux/arm/v7"));
        assertThat(request.context()).isEqualTo(dir.resolve("ctx"));
        assertThat(request.tag()).isEqualTo("app:1");
    }

    @Test
    void defaults() throws Exception {
        BuildRequest request = parse("build", "-t", "app:1", ".").request();
        assertThat(request.kubefile()).isEqualTo("Kubefile");
        assertThat(request.mode()).isEqualTo(BuildRequest.MODE_LITE);
        assertThat(request.platforms()).isEmpty();
        assertThat(request.noCache()).isFalse();
        assertThat(request.cacheImages()).isTrue();
        assertThat(parse("build", "-t", "app:1", ".").registrySettings().build().maxParallelBlobs())
                .isEqualTo(RegistrySettings.defaults().maxParallelBlobs());
    }

    @Test
    void sealerSpellings() throws Exception {
        BuildRequest request = parse("build", "--tag", "app:1", "--file", "K2", "--mode", "lite", "--no-cache",
                "--no-image-cache", ".").request();
        assertThat(request.kubefile()).isEqualTo("K2");
        assertThat(request.noCache()).isTrue();
        assertThat(request.cacheImages()).isFalse();
        assertThat(parse("build", "-t", "a:1", "-f", "K3", "-m", "lite", ".").request().kubefile()).isEqualTo("K3");
        assertThat(parse("build", "-t", "a:1", "--kubefile", "K4", ".").request().kubefile()).isEqualTo("K4");
    }

    @Test
    void imageListsFeedDiscovery() throws Exception {
        Files.writeString(dir.resolve("extra.txt"), "# images\nnginx:1.25\n\n  busybox  \n");
        Files.writeString(dir.resolve("ignored.txt"), "redis\n");
        BuildRequest request = parse("build", "-t", "a:1", "--image-list", "extra.txt",
                "--ignored-image-list", "ignored.txt", ".").request();
        assertThat(request.discovery().extraImages())
                .containsExactly(ImageReference.parse("nginx:1.25"), ImageReference.parse("busybox"));
        assertThat(request.discovery().ignoredImages()).containsExactly(ImageReference.parse("redis"));
    }

    @Test
    void registryOptionsReachTheBuildNotTheGlobals() {
        RegistrySettings settings = parse("build", "--insecure-registry", "127.0.0.1:5000",
                "--insecure-registry", "a:1,b:2", "--mirror", "docker.io=http://127.0.0.1:5000", "--max-pulls", "3",
                "-t", "x:1", ".").registrySettings().build();
        assertThat(settings.insecureRegistries()).containsExactlyInAnyOrder("127.0.0.1:5000", "a:1", "b:2");
        assertThat(settings.mirrors()).containsEntry("docker.io", List.of(URI.create("http://127.0.0.1:5000")));
        assertThat(settings.maxParallelBlobs()).isEqualTo(3);
        assertThat(settings.mirrorFallback()).isFalse();
        assertThat(parse("build", "--mirror-fallback", "-t", "x:1", ".").registrySettings().build().mirrorFallback())
                .isTrue();
    }

    @Test
    void imageSourcesReachTheRequestInOrderResolvedAgainstTheWorkingDirectory() throws Exception {
        Path absolute = dir.resolve("elsewhere/nginx.tar").toAbsolutePath();
        BuildRequest request = parse("build", "-t", "x:1", "--image-source", "images", "--image-source",
                absolute.toString(), "--image-source", "sync", ".").request();
        assertThat(request.imageSources()).containsExactly(dir.resolve("images"), absolute, dir.resolve("sync"));
        assertThat(parse("build", "-t", "x:1", ".").request().imageSources()).isEmpty();
    }

    @Test
    void globalConfigReachesTheRegistrySettings() {
        assertThat(parse("--config", "cfg", "build", "-t", "x:1", ".").registrySettings().build().dockerConfig())
                .contains(dir.resolve("cfg/config.json"));
        assertThat(parse("build", "-t", "x:1", ".", "--config", "my.json").registrySettings().build().dockerConfig())
                .contains(dir.resolve("my.json"));
    }

    @Test
    void buildArgsAndPlatformsReachTheStoredImages() throws Exception {
        Path ctx = Files.createDirectories(dir.resolve("app"));
        Files.writeString(ctx.resolve("Kubefile"), "FROM scratch\nARG A=0\nARG B=0\n");
        Cli cli = Cli.in(dir).env(Map.of("SEALER_ROOT", dir.resolve("store").toString()));
        Cli.Result build = cli.run("build", "-t", "app:1", "--build-arg", "A=1,B=2", "--platform",
                "linux/amd64,linux/arm64", "app");
        assertThat(build.code()).as(build.err()).isZero();
        Cli.Result inspect = cli.run("inspect", "-o", "json", "app:1");
        assertThat(inspect.code()).isZero();
        assertThat(inspect.out()).contains("\"A\" : \"1\"").contains("\"B\" : \"2\"")
                .contains("\"architecture\" : \"amd64\"").contains("\"architecture\" : \"arm64\"");
    }
}
