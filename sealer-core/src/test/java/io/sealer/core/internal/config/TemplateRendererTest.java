package io.sealer.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sealer.api.BuildException;
import io.sealer.api.ClusterfileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateRendererTest {
    @TempDir
    Path rootfs;
    @TempDir
    Path store;

    private static String render(Map<String, String> env, String template) {
        return new TemplateRenderer(env).render("t.tmpl", template);
    }

    /**
     * Templates and what Go 1.19's {@code text/template} (with sealer's {@code b64enc}/{@code b64dec}) printed for
     * them: the subset behaves as Go does.
     */
    static Stream<Arguments> sameAsGo() {
        return Stream.of(
                Arguments.of("podSubnet: {{ .PodCIDR }}\nserviceSubnet: {{.SvcCIDR}}\n",
                        Map.of("PodCIDR", "100.64.0.0/10", "SvcCIDR", "10.96.0.0/22"),
                        "podSubnet: 100.64.0.0/10\nserviceSubnet: 10.96.0.0/22\n"),
                Arguments.of("imageRepository: {{or .RegistryURL \"sea.hub:5000\"}}\n",
                        Map.of("RegistryURL", "reg.local:5000"), "imageRepository: reg.local:5000\n"),
                Arguments.of("imageRepository: {{or .RegistryURL \"sea.hub:5000\"}}\n"
                        + "  #x: {{or .RegistryURL \"sea.hub:5000\"}}/coredns\n", Map.of(),
                        "imageRepository: sea.hub:5000\n  #x: sea.hub:5000/coredns\n"),
                Arguments.of("LimitNOFILE={{or .DockerLimitNOFILE \"1048576\"}}\n", Map.of("DockerLimitNOFILE", ""),
                        "LimitNOFILE=1048576\n"),
                Arguments.of("a: {{ .Pass | b64enc }}\nb: {{ b64enc .Pass }}\nc: {{ .Pass | b64enc | b64dec }}\n"
                        + "d: {{ b64dec .Enc }}\n", Map.of("Pass", "s3cr3t!", "Enc", "aGVsbG8="),
                        "a: czNjcjN0IQ==\nb: czNjcjN0IQ==\nc: s3cr3t!\nd: hello\n"),
                Arguments.of("a  {{- .X -}}  b\nc {{- .X }} d\n{{ .X -}}\n\n  e\n", Map.of("X", "x"),
                        "axb\ncx d\nxe\n"),
                Arguments.of("{{ if .A }}A={{ .A }}{{ else }}no A{{ end }}|{{ if .B }}B{{ else if .C }}C={{.C}}"
                        + "{{ else }}none{{ end }}|{{if .Empty}}E{{end}}\n", Map.of("A", "1", "C", "c", "Empty", ""),
                        "A=1|C=c|\n"),
                Arguments.of("kind: X\n{{- if .Mirror }}\nmirrors:\n  - {{ .Mirror }}\n{{- end }}\nnext: 1\n"
                        + "{{- if .None }}\nnope: 1\n{{- end }}\nlast: 2\n", Map.of("Mirror", "https://m"),
                        "kind: X\nmirrors:\n  - https://m\nnext: 1\nlast: 2\n"),
                Arguments.of("a{{/* one */}}b\n{{- /* two\nlines */ -}}\nc\n", Map.of(), "abc\n"),
                Arguments.of("{{ index . \"Some-Key\" }} {{ index . \"k\" | b64enc }}",
                        Map.of("Some-Key", "v-1", "k", "z"), "v-1 eg=="),
                Arguments.of("{{ \"a\\tb\\\"c\\\\\" }}|{{ `raw }} \"x\"` }}|{{ or .Missing \"}}\" }}", Map.of(),
                        "a\tb\"c\\|raw }} \"x\"|}}"),
                Arguments.of("{{ if eq .CRI \"containerd\" }}ctr{{ else }}docker{{ end }} {{ eq .CRI \"docker\""
                        + " \"containerd\" }} {{ ne .CRI \"docker\" }} {{ not .CRI }} {{ and .CRI .Other }}"
                        + " {{ and .CRI \"\" }}", Map.of("CRI", "containerd", "Other", "o"),
                        "ctr true true false o "),
                Arguments.of("{{ if .A }}{{ if .B }}ab{{ else }}a{{ end }}{{ end }}-{{ if not .B }}notb{{ end }}",
                        Map.of("A", "y"), "a-notb"),
                Arguments.of("{{ (or .X \"d\") | b64enc }} {{ if (and .A (not .B)) }}yes{{ end }}",
                        Map.of("A", "1"), "ZA== yes"),
                Arguments.of("{{ true }} {{ false }} {{ or \"\" false }}", Map.of(), "true false false"),
                Arguments.of("a\r\n  {{- .X }}\r\n", Map.of("X", "1"), "a1\r\n"),
                Arguments.of("名前: {{ .名前 }}", Map.of("名前", "値"), "名前: 値"),
                Arguments.of("{{ or\n .A\n \"b\" }}", Map.of(), "b"),
                Arguments.of("q \n{{- /* c */}}x", Map.of(), "qx"),
                Arguments.of("a {{/* c */ -}}\n b", Map.of(), "a b"),
                Arguments.of("{{ if .A -}}\n  x\n{{- end }}\ny", Map.of("A", "1"), "x\ny"),
                Arguments.of("x\t\n {{- if .A }} {{ .A }} {{ end -}} \t\nz", Map.of("A", "a"), "x a z"),
                Arguments.of("{{ or .A .B \"c\" }}", Map.of("B", "b"), "b"),
                Arguments.of("{{if .A}}1{{else if .B}}2{{else if .C}}3{{else}}4{{end}}", Map.of("C", "c"), "3"),
                Arguments.of("line1\n{{/* multi\nline\ncomment */}}\nline3 {{ .X }}", Map.of("X", "x"),
                        "line1\n\nline3 x"));
    }

    @ParameterizedTest
    @MethodSource("sameAsGo")
    void rendersAsGoDoes(String template, Map<String, String> env, String expected) {
        assertThat(render(env, template)).isEqualTo(expected);
    }

    /** A kubeadm template in the style of sealer's base images ({@code etc/kubeadm.yml.tmpl}). */
    @Test
    void rendersAKubeadmTemplateOfABaseImage() {
        String template = """
                apiVersion: kubeadm.k8s.io/v1beta2
                kind: ClusterConfiguration
                kubernetesVersion: v1.19.8
                controlPlaneEndpoint: apiserver.cluster.local:6443
                imageRepository: {{or .RegistryURL "sea.hub:5000"}}
                dns:
                  type: ""
                  #imageRepository: {{or .RegistryURL "sea.hub:5000"}}/coredns
                networking:
                  podSubnet: {{ .PodCIDR }}
                  serviceSubnet: {{ .SvcCIDR }}
                {{- if .ExtraSAN }}
                apiServer:
                  certSANs:
                    - {{ .ExtraSAN }}
                {{- end }}
                """;
        Map<String, String> env = Map.of("RegistryURL", "sea.hub:5000", "PodCIDR", "10.244.0.0/16",
                "SvcCIDR", "10.96.0.0/16");

        assertThat(render(env, template)).isEqualTo("""
                apiVersion: kubeadm.k8s.io/v1beta2
                kind: ClusterConfiguration
                kubernetesVersion: v1.19.8
                controlPlaneEndpoint: apiserver.cluster.local:6443
                imageRepository: sea.hub:5000
                dns:
                  type: ""
                  #imageRepository: sea.hub:5000/coredns
                networking:
                  podSubnet: 10.244.0.0/16
                  serviceSubnet: 10.96.0.0/16
                """);
    }

    @Test
    void aMissingKeyFailsNamingFileLineKeyAndKnownKeysButNoValues() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SvcCIDR", "10.96.0.0/22");
        env.put("Password", "hunter2");

        ClusterfileException e = catchThrowableOfType(ClusterfileException.class, () -> new TemplateRenderer(env)
                .render("etc/kubeadm.yml.tmpl",
                        "kind: ClusterConfiguration\nnetworking:\n  podSubnet: {{ .PodCIDR }}\n"));

        assertThat(e.source()).contains("etc/kubeadm.yml.tmpl");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).isEqualTo("etc/kubeadm.yml.tmpl:3: {{ .PodCIDR }} needs env key \"PodCIDR\", which"
                + " the cluster env does not have (known keys: Password, SvcCIDR); set it in the Clusterfile's"
                + " spec.env").doesNotContain("hunter2", "10.96.0.0/22");
    }

    @Test
    void missingKeysMayBeTestedButNotPrintedEncodedOrCompared() {
        assertThat(render(Map.of(), "{{ if .Missing }}x{{ else }}y{{ end }}{{ if not .Missing }}!{{ end }}"))
                .isEqualTo("y!");
        assertThat(render(Map.of(), "{{ if .Missing }}{{ .AlsoMissing }}{{ end }}ok")).isEqualTo("ok");
        for (String template : List.of("{{ .Missing | b64enc }}", "{{ b64dec .Missing }}", "{{ eq .Missing \"x\" }}",
                "{{ index . \"Missing-Key\" }}", "{{ or .A .Missing }}")) {
            assertThatThrownBy(() -> render(Map.of(), template)).as(template)
                    .isInstanceOf(ClusterfileException.class).hasMessageContaining("needs env key \"Missing");
        }
    }

    @Test
    void unsupportedOrMalformedTemplatesFailWithFileAndLine() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("a\n{{ range .List }}x{{ end }}", "t.tmpl:2: {{ range .List }}: range is not supported");
        cases.put("a\nb\n{{ printf \"%s\" .A }}", "t.tmpl:3: {{ printf \"%s\" .A }}: function \"printf\" is not"
                + " supported");
        cases.put("{{ default \"x\" .A }}", "t.tmpl:1: {{ default \"x\" .A }}: function \"default\" is not supported");
        cases.put("{{ $x := .A }}", "t.tmpl:1: {{ $x := .A }}: variables ($…) are not supported");
        cases.put("{{ .A.B }}", "t.tmpl:1: {{ .A.B }}: .A.… reaches into a value; env values are plain strings");
        cases.put("{{ eq .A 1 }}", "number constants are not supported");
        cases.put("x\n{{ .A ", "t.tmpl:2: action {{ .A  has no closing }}");
        cases.put("{{ if .A }}\nx\n", "t.tmpl:1: {{ if .A }} has no {{ end }}");
        cases.put("x\n{{ end }}", "t.tmpl:2: {{ end }}: {{ end }} without an {{ if }}");
        cases.put("{{ else }}", "{{ else }} outside an {{ if }}");
        cases.put("{{ if .A }}{{ else }}{{ else }}{{ end }}", "{{ else }} after the {{ else }}");
        cases.put("{{ }}", "t.tmpl:1: {{ }}: empty action");
        cases.put("{{ .A .B }}", "only a function can take arguments");
        cases.put("{{ .A | .B }}", "only a function can follow |");
        cases.put("{{ b64enc }}", "b64enc takes 1 argument(s), got 0");
        cases.put("{{ /* spaced comment */ }}", "unexpected \"/\" in the action");
        cases.put("{{/* never closed }}", "t.tmpl:1: comment has no closing */");
        cases.put("{{ . }}", "would print the whole env");
        cases.put("{{ \"unterminated }}", "t.tmpl:1: action {{ \"unterminated }} has no closing }}");
        cases.put("{{ b64enc true }}", "b64enc needs a string, got a boolean");
        cases.put("{{ eq \"a\" true }}", "eq compares a string with a boolean");
        cases.forEach((template, message) -> assertThatThrownBy(() -> render(Map.of("A", "a"), template))
                .as(template).isInstanceOf(BuildException.class).hasMessageContaining(message));
    }

    @Test
    void invalidBase64IsReportedWithoutTheValue() {
        assertThatThrownBy(() -> render(Map.of("Secret", "not base64!"), "x\n{{ b64dec .Secret }}"))
                .isInstanceOf(ClusterfileException.class)
                .hasMessage("t.tmpl:2: {{ b64dec .Secret }}: b64dec was given a value that is not valid base64");
    }

    @Test
    void rendersTheTemplatesOfEtcChartsAndManifestsOnly() throws IOException {
        write("etc/kubeadm.yml.tmpl", "podSubnet: {{ .PodCIDR }}\n");
        write("etc/sub/dir/daemon.json.tmpl", "{\"registry-mirrors\": [\"https://{{ .RegistryURL }}\"]}\n");
        write("charts/app/values.yaml.tmpl", "image: {{ .RegistryURL }}/app\n");
        write("manifests/calico.yaml.tmpl", "cidr: {{ .PodCIDR }}\n");
        write("scripts/init.sh.tmpl", "echo {{ .Unknown }}\n");
        write("etc/README", "{{ not a template }}\n");
        TemplateRenderer renderer = new TemplateRenderer(Map.of("PodCIDR", "10.244.0.0/16",
                "RegistryURL", "sea.hub:5000"));

        List<Path> written = renderer.renderRootfs(rootfs);

        assertThat(written).containsExactly(Path.of("etc/kubeadm.yml"), Path.of("etc/sub/dir/daemon.json"),
                Path.of("charts/app/values.yaml"), Path.of("manifests/calico.yaml"));
        assertThat(Files.readString(rootfs.resolve("etc/kubeadm.yml"))).isEqualTo("podSubnet: 10.244.0.0/16\n");
        assertThat(Files.readString(rootfs.resolve("etc/sub/dir/daemon.json")))
                .isEqualTo("{\"registry-mirrors\": [\"https://sea.hub:5000\"]}\n");
        assertThat(Files.readString(rootfs.resolve("charts/app/values.yaml"))).isEqualTo("image: sea.hub:5000/app\n");
        assertThat(Files.readString(rootfs.resolve("manifests/calico.yaml"))).isEqualTo("cidr: 10.244.0.0/16\n");
        assertThat(rootfs.resolve("etc/kubeadm.yml.tmpl")).exists();
        assertThat(rootfs.resolve("scripts/init.sh")).doesNotExist();
    }

    @Test
    void outputsSharedWithTheStoreByHardLinkAreReplacedAndTakeTheTemplatesMode() throws IOException {
        write("etc/run.sh.tmpl", "echo {{ .X }}\n");
        Files.setPosixFilePermissions(rootfs.resolve("etc/run.sh.tmpl"), PosixFilePermissions.fromString("rwxr-x---"));
        Path stored = store.resolve("run.sh");
        Files.writeString(stored, "echo old\n");
        Files.createLink(rootfs.resolve("etc/run.sh"), stored);

        new TemplateRenderer(Map.of("X", "new")).renderRootfs(rootfs);

        assertThat(Files.readString(stored)).isEqualTo("echo old\n");
        assertThat(Files.readString(rootfs.resolve("etc/run.sh"))).isEqualTo("echo new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rootfs.resolve("etc/run.sh"))))
                .isEqualTo("rwxr-x---");
    }

    @Test
    void aFailingTemplateIsReportedByItsPathAndLine() throws IOException {
        write("manifests/a.yaml.tmpl", "ok: 1\nbad: {{ .Nope }}\n");

        ClusterfileException e = catchThrowableOfType(ClusterfileException.class,
                () -> new TemplateRenderer(Map.of()).renderRootfs(rootfs));

        assertThat(e.getMessage()).startsWith(rootfs.toRealPath().resolve("manifests/a.yaml.tmpl") + ":2: ")
                .contains("the env is empty");
        assertThat(rootfs.resolve("manifests/a.yaml")).doesNotExist();
    }

    @Test
    void symbolicLinksOutOfTheRootfsAreNotFollowed() throws IOException {
        Files.writeString(store.resolve("outside.tmpl"), "{{ .X }}");
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createSymbolicLink(rootfs.resolve("etc/evil.tmpl"), store.resolve("outside.tmpl"));
        Files.createSymbolicLink(rootfs.resolve("manifests"), store);

        assertThatThrownBy(() -> new TemplateRenderer(Map.of("X", "x")).renderRootfs(rootfs))
                .isInstanceOf(BuildException.class).hasMessageContaining("leads outside the rootfs");
        assertThat(rootfs.resolve("etc/evil")).doesNotExist();
        assertThat(store.resolve("outside")).doesNotExist();
    }

    private void write(String relative, String text) throws IOException {
        Path file = rootfs.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
