package io.sealer.core.internal.discovery;

import io.sealer.api.build.DiscoveryOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.BuildException;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.image.ImageReference;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDiscoveryTest {
    private static final String HEX = "dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";

    @TempDir
    Path root;

    @Test
    void findsContainersAndInitContainersOfADeployment() throws IOException {
        write("manifests/deploy.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      initContainers:
                        - name: init
                          image: busybox:1.36
                          imagePullPolicy: IfNotPresent
                      containers:
                        - name: web
                          image: "nginx:1.25"
                        - name: sidecar
                          image: quay.io/prometheus/node-exporter:v1.7.0
                """);

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("docker.io/library/busybox:1.36",
                "docker.io/library/nginx:1.25", "quay.io/prometheus/node-exporter:v1.7.0");
        assertThat(result.sourcesOf(ImageReference.parse("busybox:1.36"))).containsExactly("manifests/deploy.yaml:10");
        assertThat(result.sourcesOf(ImageReference.parse("nginx:1.25"))).containsExactly("manifests/deploy.yaml:14");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void findsImagesInCronJobTemplatesAcrossDocumentsWithFileLines() throws IOException {
        write("manifests/nested/jobs.yml", """
                # a comment before the first document
                apiVersion: v1
                kind: ConfigMap
                data:
                  note: "image: not-an-image-key:1"
                ---
                apiVersion: batch/v1
                kind: CronJob
                spec:
                  schedule: "*/5 * * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers:
                            - name: job
                              image: bitnami/kubectl:1.29
                ---
                ---
                kind: Pod
                spec: {containers: [{name: a, image: "alpine:3.19"}]}
                """);

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("docker.io/bitnami/kubectl:1.29",
                "docker.io/library/alpine:3.19");
        assertThat(result.sourcesOf(ImageReference.parse("bitnami/kubectl:1.29")))
                .containsExactly("manifests/nested/jobs.yml:17");
        assertThat(result.sourcesOf(ImageReference.parse("alpine:3.19")))
                .containsExactly("manifests/nested/jobs.yml:21");
    }

    @Test
    void readsFlowStyleAndMultiLineScalars() throws IOException {
        write("manifests/flow.yaml", """
                containers: [{name: a, image: nginx}]
                other: {image: redis:7}
                folded:
                  image: >-
                    registry.k8s.io/pause:3.9
                literal:
                  image: |-
                    registry.k8s.io/coredns/coredns:v1.11.1
                plain:
                  image:
                    ghcr.io/a/b:1
                """);

        assertThat(discover().fullNames()).containsExactly("docker.io/library/nginx:latest",
                "docker.io/library/redis:7", "ghcr.io/a/b:1", "registry.k8s.io/coredns/coredns:v1.11.1",
                "registry.k8s.io/pause:3.9");
    }

    @Test
    void matchesKeysEndingInImageOnly() throws IOException {
        write("manifests/crd.yaml", """
                apiVersion: example.com/v1
                kind: Agent
                spec:
                  fooImage: example.com/foo:1
                  sidecarImage: example.com/sidecar:2
                  vmagent-image: "example.com/vmagent:v1.70.0"
                  config:
                    deep:
                      list:
                        - exporterImage: example.com/exporter:3
                  imagePullPolicy: Always
                  imagePullSecrets: [{name: regcred}]
                  IMAGE: upper:1
                  repository: nginx
                  images: [not/collected:1]
                  image: ""
                  replicasImage: 3
                """);

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("example.com/exporter:3", "example.com/foo:1",
                "example.com/sidecar:2", "example.com/vmagent:v1.70.0");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void composesImageObjectsWithRepositoryAndTag() throws IOException {
        write("manifests/cr.yaml", """
                spec:
                  image:
                    registry: quay.io
                    repository: prometheus/prometheus
                    tag: v2.48.0
                  schemaLike:
                    image:
                      type: object
                      properties:
                        repository: {type: string}
                """);

        assertThat(discover().fullNames()).containsExactly("quay.io/prometheus/prometheus:v2.48.0");
    }

    @Test
    void kyvernoInstallSnippet() throws IOException {
        write("manifests/kyverno/install.yaml", """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: clusterpolicies.kyverno.io
                spec:
                  versions:
                    - name: v1
                      schema:
                        openAPIV3Schema:
                          properties:
                            spec:
                              properties:
                                verifyImages:
                                  items:
                                    properties:
                                      image:
                                        description: "Image is the image name consisting of the registry address, repository, image, and tag."
                                        type: string
                                      imageReferences:
                                        items: {type: string}
                                        type: array
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: kyverno
                  namespace: kyverno
                spec:
                  template:
                    spec:
                      initContainers:
                        - image: ghcr.io/kyverno/kyvernopre:v1.10.0
                          name: kyverno-pre
                      containers:
                        - args: ["--autogenInternals=true"]
                          image: ghcr.io/kyverno/kyverno:v1.10.0
                          name: kyverno
                ---
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                spec:
                  rules:
                    - verifyImages:
                        - imageReferences: ["ghcr.io/*"]
                """);

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("ghcr.io/kyverno/kyverno:v1.10.0",
                "ghcr.io/kyverno/kyvernopre:v1.10.0");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void cueTemplatesInsideStringsAreNotImages() throws IOException {
        write("manifests/vela.yaml", """
                apiVersion: core.oam.dev/v1beta1
                kind: ComponentDefinition
                spec:
                  schematic:
                    cue:
                      template: |
                        output: {
                          spec: containers: [{
                            image: parameter.image
                          }]
                        }
                        parameter: { image: *"oamdev/hello-world:v1" | string }
                """);

        DiscoveryResult result = discover();

        assertThat(result.images()).isEmpty();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void jsonManifests() throws IOException {
        write("manifests/pod.json", """
                {"apiVersion": "v1", "kind": "Pod",
                 "spec": {"containers": [{"name": "a",
                   "image": "busybox:1.28"}], "initContainers": [{"image": "alpine"}]}}
                """);

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("docker.io/library/alpine:latest",
                "docker.io/library/busybox:1.28");
        assertThat(result.sourcesOf(ImageReference.parse("busybox:1.28"))).containsExactly("manifests/pod.json:3");
    }

    @Test
    void templatedValuesBecomeWarningsWithFileAndLine() throws IOException {
        write("manifests/app.yaml", """
                spec:
                  containers:
                    - image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
                    - image: nginx:1
                    - image: "${REGISTRY}/app:1"
                """);

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("docker.io/library/nginx:1");
        assertThat(result.warnings()).hasSize(2);
        assertThat(result.warnings().get(0)).startsWith("manifests/app.yaml:3: skipped templated image value");
        assertThat(result.warnings().get(1)).startsWith("manifests/app.yaml:5: skipped image value");
    }

    @Test
    void unparsableTemplateFileFallsBackToTheLineRule() throws IOException {
        write("manifests/app.yaml.tmpl", """
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      containers:
                        - name: a
                          image: {{ .Values.repository }}:{{ .Values.tag }}
                        - name: b
                          image: registry.example.com/team/b:2.0
                ---
                kind: Pod
                spec:
                  containers:
                    - image: redis:7
                """);

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("docker.io/library/redis:7",
                "registry.example.com/team/b:2.0");
        assertThat(result.sourcesOf(ImageReference.parse("registry.example.com/team/b:2.0")))
                .containsExactly("manifests/app.yaml.tmpl:10");
        assertThat(result.sourcesOf(ImageReference.parse("redis:7"))).containsExactly("manifests/app.yaml.tmpl:15");
        assertThat(result.warnings()).hasSize(2);
        assertThat(result.warnings().get(0)).matches("manifests/app\\.yaml\\.tmpl:\\d+: not valid YAML .*line by line.*");
        assertThat(result.warnings().get(1)).startsWith("manifests/app.yaml.tmpl:8: skipped templated image value");
    }

    @Test
    void unparsableYamlWithTabsFallsBackWithAWarning() throws IOException {
        write("manifests/tabs.yaml", "spec:\n\tcontainers:\n\t\t- image: \"nginx:1.0\",\n\t\t  imagePullPolicy: Always\n");
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();

        DiscoveryResult result = new ImageDiscovery(DiscoveryOptions.defaults(), Progress.to(events::add)).discover(root);

        assertThat(result.fullNames()).containsExactly("docker.io/library/nginx:1.0");
        assertThat(result.warnings()).singleElement().asString().startsWith("manifests/tabs.yaml:");
        assertThat(events).filteredOn(e -> e instanceof ProgressEvent.Warning).singleElement()
                .satisfies(e -> assertThat(((ProgressEvent.Warning) e).location()).startsWith("manifests/tabs.yaml:"));
    }

    @Test
    void keepsDigestsAndTagPlusDigest() throws IOException {
        write("manifests/pinned.yaml", """
                a:
                  image: nginx@sha256:%1$s
                b:
                  image: registry.k8s.io/pause:3.9@sha256:%1$s
                c:
                  image: nginx@sha256:0123abcd
                """.formatted(HEX));

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("docker.io/library/nginx@sha256:" + HEX,
                "registry.k8s.io/pause:3.9@sha256:" + HEX);
        assertThat(result.images().get(1).tag()).isEqualTo("3.9");
        assertThat(result.warnings()).singleElement().asString().startsWith("manifests/pinned.yaml:6:");
    }

    @Test
    void mergesDuplicatesSortsAndRemembersEverySource() throws IOException {
        write("manifests/a.yaml", "image: nginx\n---\nimage: quay.io/z/z:1\n");
        write("manifests/b.yaml", "x:\n  image: docker.io/library/nginx:latest\ny:\n  image: index.docker.io/nginx\n");
        write("manifests/imageList", "nginx:latest\n");

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("docker.io/library/nginx:latest", "quay.io/z/z:1");
        assertThat(result.sourcesOf(ImageReference.parse("nginx"))).containsExactly("manifests/a.yaml:1",
                "manifests/b.yaml:2", "manifests/b.yaml:4", "manifests/imageList:1");
    }

    @Test
    void walksFilesDepthFirstInSortedOrder() throws IOException {
        write("manifests/b.yaml", "image: nginx\n");
        write("manifests/a.yaml", "image: nginx\n");
        write("manifests/a-b/x.yaml", "image: nginx\n");
        write("manifests/a/y.yml", "image: nginx\n");
        write("manifests/a/z/deep.json", "{\"image\": \"nginx\"}\n");
        write("manifests/a/notes.txt", "image: ignored:1\n");

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("docker.io/library/nginx:latest");
        assertThat(result.sourcesOf(ImageReference.parse("nginx"))).containsExactly("manifests/a/y.yml:1",
                "manifests/a/z/deep.json:1", "manifests/a-b/x.yaml:1", "manifests/a.yaml:1", "manifests/b.yaml:1");
    }

    @Test
    void crlfLineBreaksAndAMissingFinalNewlineKeepLineNumbers() throws IOException {
        write("manifests/crlf.yaml", "a: 1\r\nimage: nginx:1\r\n---\r\nb: 2\r\n\r\nimage: redis:7");
        write("manifests/cr.yaml", "a: 1\rimage: busybox:1");

        DiscoveryResult result = discover();

        assertThat(result.sourcesOf(ImageReference.parse("nginx:1"))).containsExactly("manifests/crlf.yaml:2");
        assertThat(result.sourcesOf(ImageReference.parse("redis:7"))).containsExactly("manifests/crlf.yaml:6");
        assertThat(result.sourcesOf(ImageReference.parse("busybox:1"))).containsExactly("manifests/cr.yaml:2");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void imageMappingsIpRegistriesAndCrdSchemasAreReadWithoutWarnings() throws IOException {
        write("manifests/crd.yaml", """
                kind: CustomResourceDefinition
                spec:
                  versions:
                    - schema:
                        openAPIV3Schema:
                          properties:
                            image:
                              type: string
                            sidecarImage: {type: string}
                """);
        write("manifests/cr.yaml", """
                spec:
                  image: 10.0.0.12:5000/app:1
                  exporter:
                    image:
                      registry: 10.0.0.12:5000
                      repository: team/exporter
                      tag: "2"
                """);

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("10.0.0.12:5000/app:1", "10.0.0.12:5000/team/exporter:2");
        assertThat(result.sourcesOf(ImageReference.parse("10.0.0.12:5000/team/exporter:2")))
                .containsExactly("manifests/cr.yaml:5");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void aRepeatedInvalidValueWarnsAtEveryPlace() throws IOException {
        write("manifests/a.yaml", "image: Bad/Name:1\nx:\n  image: Bad/Name:1\n");

        DiscoveryResult result = discover();

        assertThat(result.images()).isEmpty();
        assertThat(result.warnings()).hasSize(2);
        assertThat(result.warnings().get(0)).startsWith("manifests/a.yaml:1: skipped image value");
        assertThat(result.warnings().get(1)).startsWith("manifests/a.yaml:3: skipped image value");
    }

    @Test
    void extraAndIgnoredImages() throws IOException {
        write("manifests/a.yaml", "a: {image: nginx:1}\nb: {image: busybox}\nc: {image: quay.io/x/y:2}\n");
        DiscoveryOptions options = DiscoveryOptions.defaults()
                .withExtraImages(List.of(ImageReference.parse("registry.k8s.io/pause:3.9")))
                .withIgnoredImages(List.of(ImageReference.parse("busybox"),
                        ImageReference.parse("docker.io/library/nginx:1")));

        DiscoveryResult result = new ImageDiscovery(options).discover(root);

        assertThat(result.fullNames()).containsExactly("quay.io/x/y:2", "registry.k8s.io/pause:3.9");
        assertThat(result.sourcesOf(ImageReference.parse("registry.k8s.io/pause:3.9")))
                .containsExactly("extra image list");
    }

    @Test
    void imageListSkipsCommentsAndBlanksAndWarnsOnInvalidLines() throws IOException {
        write("manifests/imageList", """
                # images not referenced by any manifest
                nginx:1.25

                  quay.io/a/b:1  \s
                Not/Valid:Name:x
                # docker.io/commented/out:1
                """);

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("docker.io/library/nginx:1.25", "quay.io/a/b:1");
        assertThat(result.warnings()).singleElement().asString().startsWith("manifests/imageList:5: ");
    }

    @Test
    void ignoresFilesOutsideTheScannedPlaces() throws IOException {
        write("manifests/readme.txt", "image: nope:1\n");
        write("etc/config.yaml", "image: nope:2\n");
        write("charts/values.yaml", "image: nope:3\n");

        assertThat(discover().images()).isEmpty();
    }

    @Test
    void rendersChartsWithParentValuesAppliedToSubCharts() throws Exception {
        copyChart("charts/apps");

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("docker.io/library/nginx:app1_release",
                "docker.io/library/nginx:app2_test", "docker.io/library/nginx:apps_release");
        assertThat(result.sourcesOf(ImageReference.parse("nginx:app2_test")))
                .containsExactly("charts/apps (apps/charts/app2/templates/deployment.yaml)");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void extraValuesFilesOverrideChartDefaults() throws Exception {
        copyChart("application/apps/web");
        Path values = write("values/override.yaml", "app2:\n  image:\n    tag: custom\n");

        DiscoveryResult result = new ImageDiscovery(DiscoveryOptions.defaults().withHelmValuesFiles(List.of(values)))
                .discover(root);

        assertThat(result.fullNames()).containsExactly("docker.io/library/nginx:app1_release",
                "docker.io/library/nginx:apps_release", "docker.io/library/nginx:custom");
    }

    @Test
    void applicationDirsWithoutChartsAreScannedAsManifests() throws IOException {
        write("application/apps/dashboard/deploy.yaml", "spec: {containers: [{image: kubernetesui/dashboard:v2.7.0}]}\n");
        write("application/apps/dashboard/notes.md", "image: nope:1\n");

        assertThat(discover().fullNames()).containsExactly("docker.io/kubernetesui/dashboard:v2.7.0");
    }

    @Test
    void chartThatHelmRejectsIsATypedErrorNamingChartYaml() throws IOException {
        write("charts/broken/Chart.yaml", "apiVersion: v2\nversion: 0.1.0\n");
        write("charts/broken/templates/cm.yaml", "kind: ConfigMap\n");

        assertThatThrownBy(this::discover)
                .isInstanceOf(BuildException.class)
                .satisfies(e -> assertThat(((BuildException) e).source()).contains("charts/broken/Chart.yaml"))
                .hasMessageStartingWith("charts/broken/Chart.yaml: Helm could not load the chart");
    }

    @Test
    void chartThatFailsToRenderIsATypedErrorNamingTheChart() throws IOException {
        write("charts/bad/Chart.yaml", "apiVersion: v2\nname: bad\nversion: 0.1.0\n");
        write("charts/bad/templates/cm.yaml", "image: {{ required \"image is required\" .Values.image }}\n");

        assertThatThrownBy(this::discover)
                .isInstanceOf(BuildException.class)
                .hasMessageStartingWith("charts/bad: Helm could not render the chart")
                .hasMessageContaining("image is required");
    }

    @Test
    void componentsSwitchedOffInTheSameMappingAreNotCachedButListed() throws IOException {
        write("manifests/cr.yaml", """
                spec:
                  exporter: {enabled: false, image: quay.io/x/exporter:1}
                  agent:
                    image:
                      registry: quay.io
                      repository: x/agent
                      tag: "2"
                    sidecarImage: quay.io/x/sidecar:2
                    enabled: false
                    nested:
                      image: quay.io/x/nested:3
                  web:
                    enabled: true
                    image: quay.io/x/web:4
                  quoted:
                    enabled: "false"
                    image: quay.io/x/quoted:5
                """);
        write("manifests/cr.json", """
                {"spec": {"db": {"image": "quay.io/x/db:6", "enabled": false}}}
                """);

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("quay.io/x/nested:3", "quay.io/x/quoted:5", "quay.io/x/web:4");
        assertThat(result.warnings()).containsExactly(
                "manifests/cr.json:1: component switched off (enabled: false); not caching its image quay.io/x/db:6",
                "manifests/cr.yaml:2: component switched off (enabled: false); not caching its image "
                        + "quay.io/x/exporter:1",
                "manifests/cr.yaml:5: component switched off (enabled: false); not caching its images "
                        + "quay.io/x/agent:2, quay.io/x/sidecar:2");
    }

    @Test
    void baseImagesTakeTheTagOrVersionBesideThemOrTheParentVersion() throws IOException {
        write("manifests/prometheus.yaml", """
                kind: Prometheus
                spec:
                  baseImage: quay.io/prometheus/prometheus
                  version: v2.48.0
                ---
                kind: Prometheus
                spec:
                  version: v2.40.0
                  baseImage: quay.io/prometheus/old
                  tag: v2.41.0
                ---
                kind: TidbCluster
                spec:
                  pd:
                    baseImage: pingcap/pd
                    version: v6.5.0
                  tikv:
                    baseImage: pingcap/tikv:v6.1.0
                  components:
                    - baseImage: pingcap/tidb
                  version: v6.1.0
                ---
                kind: Other
                spec:
                  child:
                    grandchild:
                      baseImage: example.com/too/deep
                  version: v1
                """);

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("docker.io/pingcap/pd:v6.5.0", "docker.io/pingcap/tidb:v6.1.0",
                "docker.io/pingcap/tikv:v6.1.0", "quay.io/prometheus/old:v2.41.0",
                "quay.io/prometheus/prometheus:v2.48.0");
        assertThat(result.warnings()).containsExactly("manifests/prometheus.yaml:27: skipped "
                + "spec.child.grandchild.baseImage \"example.com/too/deep\": it names no tag and there is no version "
                + "beside it or in the parent mapping");
    }

    @Test
    void imagesThatOperatorsLaunchAreTakenFromArgsCommandAndEnvWhenFullyQualified() throws IOException {
        write("manifests/operator.yaml", """
                spec:
                  containers:
                    - name: operator
                      image: quay.io/acme/operator:v1
                      command: ["/manager", "--sidecar=registry.example.com:5000/acme/sidecar:v2", --port=8080]
                      args:
                        - --prometheus-config-reloader=quay.io/prometheus-operator/prometheus-config-reloader:v0.60.1
                        - "--log-level=info"
                        - --webhook=https://hooks.example.com/path:443
                        - ghcr.io/acme/job@sha256:%1$s
                        - localhost/acme/local:1
                        - --kubelet-service=kube-system/kubelet
                        - --untagged=quay.io/acme/untagged
                        - --short=nginx:1.25
                        - plain words with quay.io/acme/words:1
                        - |
                          quay.io/acme/script:1
                      env:
                        - name: RELATED_IMAGE_AGENT
                          value: "quay.io/acme/agent:v3"
                        - value: gcr.io/acme/first-key:v4
                          name: FIRST_KEY
                        - name: ENDPOINT
                          value: http://svc.example.com:8080/api
                        - name: FROM_FIELD
                          valueFrom:
                            fieldRef:
                              fieldPath: metadata.namespace
                        - name: NOT_QUALIFIED
                          value: acme/agent:v3
                  notContainers:
                    value: quay.io/acme/not-env:1
                    list:
                      - quay.io/acme/not-args:1
                """.formatted(HEX));

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("gcr.io/acme/first-key:v4", "ghcr.io/acme/job@sha256:" + HEX,
                "localhost/acme/local:1", "quay.io/acme/agent:v3", "quay.io/acme/operator:v1",
                "quay.io/prometheus-operator/prometheus-config-reloader:v0.60.1",
                "registry.example.com:5000/acme/sidecar:v2");
        assertThat(result.sourcesOf(ImageReference.parse("registry.example.com:5000/acme/sidecar:v2")))
                .containsExactly("manifests/operator.yaml:5");
        assertThat(result.sourcesOf(ImageReference.parse("gcr.io/acme/first-key:v4")))
                .containsExactly("manifests/operator.yaml:21");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void rejectsARootThatIsNotADirectory() {
        assertThatThrownBy(() -> discoverAt(root.resolve("missing"))).isInstanceOf(BuildException.class)
                .hasMessageContaining("needs a directory");
    }

    private DiscoveryResult discover() {
        return discoverAt(root);
    }

    private static DiscoveryResult discoverAt(Path dir) {
        return new ImageDiscovery(DiscoveryOptions.defaults()).discover(dir);
    }

    private Path write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private void copyChart(String target) throws IOException, URISyntaxException {
        Path source = Path.of(getClass().getClassLoader().getResource("testcharts/apps").toURI());
        Path dest = root.resolve(target);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = dest.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
    }
}
