package io.sealer.core.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path must agree with the Jackson walk whenever it does not give up. */
class SimpleYamlScannerTest {
    private static final YAMLFactory YAML = new YAMLFactory();

    @ParameterizedTest
    @ValueSource(strings = {
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web   # a comment
              labels: {app: web}
            spec:
              template:
                spec:
                  initContainers:
                  - name: init
                    image: busybox:1.36
                  containers:
                    - name: web
                      image: "nginx:1.25"  # pinned
                      args:
                        - --port=80
                    -   name: side
                        image: 'quay.io/a/b:it''s'
                        command: [sh, -c, "echo hi"]
            """,
            """
            spec:
              schematic:
                cue:
                  template: |
                    output: {
                      image: parameter.image
                    }
                  other: >-
                    image: folded:1
              sidecarImage: example.com/sidecar:2
              vmagent-image: "example.com/vmagent:v1"
              "quotedImage": example.com/q:1
              imagePullPolicy: Always
            ---
            - image: top/level:1
            - - nested:
                  image: nested/seq:1
            """,
            """
            data:
              script: |-
                #!/bin/sh
                image: not/an-image:1

                echo done
              image: after/block:1
            list:
              - |
                image: in-seq-block:1
              - image: after/seq-block:1
            """,
            """
            url: http://example.com:8080/path
            image: registry:5000/app:1 #comment
            """,
            """
            containers:
              - image: 10.0.0.12:5000/app:1
              - image: 127.0.0.1:5000/team/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
              - image: 1password/connect:1.7
              - image: 2001-12-14
              - image: -dash:1
              - image: .hidden:1
              - image: y
              - image: oN
              - image: <<
            """,
            """
            spec:
              image:
                repository: nginx
                tag: "1.25"
              sidecar:
                image:
                  # the registry part
                  registry: 10.0.0.12:5000

                  repository: team/side
                  "tag": 'v2'
                  digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                  pullPolicy: IfNotPresent
                  nested:
                    tag: not-a-direct-child
                  list:
                  - repository: not/direct
                  extraImage: extra/inner:1
                sidecarImage: after/sidecar:1
            items:
            - image:
                repository: in/sequence
              other: x
            """,
            """
            values:
              image:
                registry: quay.io
                tag: v1
              controllerImage:
                repository: deep/nest
                image:
                  repository: inner/parts
                  tag: "3"
            image: last/top:1
            """,
            """
            spec:
              containers:
              - name: op
                image: quay.io/a/op:1
                command: ["/manager", "--x=quay.io/a/x:1", 'quay.io/a/single:2', plain.io/a/p:3, --p=8080]
                args:
                - --reloader=quay.io/a/reloader:v1 # comment
                - "--log=info"
                - 'localhost:5000/a/b@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'
                - --port=8080
                - https://example.com/a:1
                - |
                  quay.io/a/block:1
                - >
                  folded with/slash:1
                - --after=quay.io/a/after:1
                - nested:
                    value: quay.io/a/mapping-item:1
                - - quay.io/a/nested-seq:1
                env:
                - name: A
                  value: quay.io/a/env:1
                - value: "quay.io/a/first:1"
                  name: B
                - name: C
                  valueFrom:
                    fieldRef:
                      fieldPath: metadata.labels['app.kubernetes.io/name']
                - {name: D, value: plain}
                - name: E
                  value: |
                    quay.io/a/clip:1
                - name: F
                  value: http://svc.example.com:8080/x
              initContainers:
              - args:
                - quay.io/a/init:1
                env: []
                command:
                -   quay.io/a/wide:1
                image: quay.io/a/init-image:1
              schema:
                args:
                  description: "Arguments. More info: https://kubernetes.io/docs/tasks/inject-data-application/x"
                  items:
                    type: string
                env:
                  items:
                    properties:
                      value:
                        description: 'Variable references $(VAR_NAME) are expanded: https://example.com/a:1'
            """,
            """
            args: [--a=quay.io/a/flow:1, "--b=quay.io/b/flow:2"]  # trailing comment
            command: []
            env:
            - name: X
              value: 'quay.io/a/single:1'
            other:
              value: quay.io/a/not-env:1
              args: quay.io/a/not-a-list:1
            image: last/one:1
            """,
            """
            openAPIV3Schema:
              properties:
                image:
                  type: string
                  description: The container image to run.
                sidecarImage:
                  type: string
                  maxLength: 253
                  pattern: ^[a-z]+$
                  nullable: true
                initImage: {type: string}
                emptyImage: {}
                flowImage: {repository: flow/parts, tag: v3}
                nullImage:
                size:
                  type: integer
            metadata:
              annotations:
                image: real/one:1
            """,
    })
    void simpleDocumentsTakeTheFastPathAndAgreeWithJackson(String document) throws IOException {
        List<String> fast = new ArrayList<>();

        boolean handled = SimpleYamlScanner.scan(document, (value, line) -> fast.add(line + " " + value));

        assertThat(handled).as("fast path handles it").isTrue();
        assertThat(fast).isNotEmpty().containsExactlyElementsOf(jackson(document));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "base: &b {image: a:1}\nother: *b\n",
            "image: &anchor nginx:1\n",
            "image: 1.5\n",
            "image: 0x1F\n",
            "image: 1_000\n",
            "image: -.inf\n",
            "image: yes\n",
            "image: Off\n",
            "image: NULL\n",
            "image: ~\n",
            "image:\n- a:1\n",
            "- image:\n  - a:1\n",
            "image:\n  - a:1\n",
            "image:\n  \"quoted:1\"\n",
            "image:\n  repository: nginx\n  tag: 1.25\n",
            "image:\n  repository: nginx\n  tag: true\n",
            "image:\n  repository: nginx\n  tag:\n    1\n",
            "image:\n  repository: nginx\n  tag: |\n    v1\n",
            "image:\n  repository: [nginx]\n",
            "image: {repository: nginx, tag: 1.25}\n",
            "image: {repository: \"nginx\"}\n",
            "image: {a: {b: c}}\n",
            "image: {image: x}\n",
            "image: {type:string}\n",
            "image: {type: string} trailing\n",
            "image: [x]\n",
            "image: >-\n  nginx:1.0\n",
            "image:\n  nginx:1.0\n",
            "image: nginx\n  continued\n",
            "a: {image: x:1}\n",
            "a: [\n  {image: x:1}]\n",
            "note: \"multi\n  image: quoted:1\"\n",
            "image: 123\n",
            "image: true\n",
            "image: null\n",
            "image: \"esc\\u0041:1\"\n",
            "\timage: tab:1\n",
            "? complex\n: image\n",
            "image: !!str tagged:1\n",
            "--- {image: x:1}\n",
            "args:\n-\n  quay.io/a/b:1\n",
            "args:\n- --x=quay.io/a/b:1\n  continued\n",
            "args:\n- >-\n  quay.io/a/b:1\n",
            "env:\n- name: a\n  value:\n    quay.io/a/b:1\n",
            "env:\n- name: a\n  value: |-\n    quay.io/a/b:1\n",
            "env: [{name: a, value: quay.io/a/b:1}]\n",
            "env:\n- {name: a, value: quay.io/a/b:1}\n",
            "args: [\"esc\\u0041\", quay.io/a/b:1]\n",
            "args: [[quay.io/a/b:1]]\n",
            "args: [a, quay.io/a/b:1, ]\n",
            "env:\n- name: a\n  args:\n  - x\n  value: quay.io/a/b:1\n",
            "a:\n  enabled: false\n  image: x:1\n",
            "image: x:1\nb:\n  \"enabled\": no\n",
            "image: x:1\nb:\n  enabled: \"true\"\n",
            "image: x:1\nb:\n  enabled:\n",
            "spec:\n  baseImage: pingcap/pd\n  version: v1\n",
            "spec:\n  tidbBaseImage: \"pingcap/tidb\"\n",
    })
    void unusualYamlGivesUpAndJacksonDecides(String document) {
        assertThat(SimpleYamlScanner.scan(document, (value, line) -> { })).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "10.0.0.12:5000/app:1", "1", "12", "012", "0x1F", "0o17", "0b101", "1_000", "1:30", "190:20:30", "1.5",
            "1e3", "1.0e+3", ".5", "0.", "+1", "-1", "-.inf", ".inf", ".NaN", "1.2.3", "2001-12-14",
            "2001-12-14t21:59:43.10-05:00", "yes", "Yes", "YES", "yEs", "no", "n", "y", "true", "True", "false",
            "on", "On", "off", "OFF", "null", "Null", "nUll", "~", "<<", "nginx", "off-site/app:1", "nullable:1",
            "trueimage:1", "-app", "+app",
    })
    void plainValuesAgreeWithJacksonWheneverTheFastPathAnswers(String plain) throws IOException {
        for (String document : List.of("image: " + plain + "\n", "image:\n  repository: " + plain + "\n",
                "image:\n  repository: app\n  tag: " + plain + "\n", "image: {repository: app, tag: " + plain + "}\n")) {
            List<String> fast = new ArrayList<>();
            if (SimpleYamlScanner.scan(document, (value, line) -> fast.add(line + " " + value))) {
                assertThat(fast).as(document).containsExactlyElementsOf(jackson(document));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "image: 10.0.0.12:5000/app:1\n",
            "image: 1password/connect:1.7\n",
            "image:\n  type: string\n  description: The image.\n",
            "image:\n  repository: 10.0.0.12:5000/app\n  tag: v1\n",
            "image: {type: string}\n",
            "image:\nnext: 1\n",
    })
    void ipRegistriesAndImageMappingsStayOnTheFastPath(String document) throws IOException {
        List<String> fast = new ArrayList<>();

        assertThat(SimpleYamlScanner.scan(document, (value, line) -> fast.add(line + " " + value))).isTrue();
        assertThat(fast).containsExactlyElementsOf(jackson(document));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            """
            containers:
              - name: web
                image: nginx:1.25
                args: ["--port=8080", "--log-level=info"]
                env:
                  - name: SETTING_0
                    value: "value-12"
                  - name: SETTING_1
                    value: "value-345"
            """,
            """
            a:
              enabled: false
              replicas: 1
            """,
            """
            kind: Widget
            spec:
              image: ghcr.io/grafana/grafana:v1.5.2
              monitoring:
                enabled: true  # on
                exporterImage: registry.k8s.io/busybox:1.36
              "enabled": TRUE
            """,
    })
    void containersWithPlainArgsEnvAndEnabledComponentsStayOnTheFastPath(String document) throws IOException {
        List<String> fast = new ArrayList<>();

        assertThat(SimpleYamlScanner.scan(document, (value, line) -> fast.add(line + " " + value))).isTrue();
        assertThat(fast).containsExactlyElementsOf(jackson(document));
    }

    @ParameterizedTest
    @ValueSource(strings = {"prometheus-operator/prometheus-operator-deployment.yaml",
            "strimzi/060-Deployment-strimzi-cluster-operator.yaml"})
    void realOperatorDeploymentsStayOnTheFastPath(String fixture) throws IOException, URISyntaxException {
        String document = Files.readString(Path.of(getClass().getClassLoader()
                .getResource("realworld/" + fixture).toURI()));
        List<String> fast = new ArrayList<>();

        assertThat(SimpleYamlScanner.scan(document, (value, line) -> fast.add(line + " " + value))).isTrue();
        assertThat(fast).hasSizeGreaterThan(1).containsExactlyElementsOf(jackson(document));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "quay.io/a/b:1", "--x=quay.io/a/b:1", "--x=quay.io/a/b", "-x", "--x=", "--x=a:b", "a/b:1", "a/b@x",
            "localhost/a:1", "localhost:5000/a:1", "10.0.0.1:5000/a/b@sha256:"
                    + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "https://quay.io/a/b:1", "quay.io/a/b:1 #c", "quay.io/a/b:1#c", "quay.io/A/b:1", "quay.io/a/b:1:2",
            "quay.io:/a:1", ":/a:1", "@/a", "quay.io/a/b:1,", "[quay.io/a/b:1]", "{a: quay.io/a/b:1}",
            "'quay.io/a/b:1'", "\"quay.io/a/b:1\"", "\"--x=quay.io/a/b:1\"", "'it''s/a:1'", "-- quay.io/a/b:1",
            "? quay.io/a/b:1", "quay.io/a/b: 1", "&a quay.io/a/b:1", "!!str quay.io/a/b:1", "- quay.io/a/b:1",
    })
    void launchedValuesAgreeWithJacksonWheneverTheFastPathAnswers(String value) throws IOException {
        for (String document : List.of("args:\n- " + value + "\n", "command:\n  - " + value + "\n  - x\n",
                "args: [" + value + "]\n", "args: [a, " + value + ", b]\n",
                "env:\n- name: A\n  value: " + value + "\n", "env:\n  - value: " + value + "\n    name: A\n")) {
            List<String> fast = new ArrayList<>();
            List<String> full;
            try {
                full = jackson(document);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (SimpleYamlScanner.scan(document, (v, line) -> fast.add(line + " " + v))) {
                assertThat(fast).as(document).containsExactlyElementsOf(full);
            }
        }
    }

    private static List<String> jackson(String document) throws IOException {
        List<String> found = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(document)) {
            ImageValueWalker.walk(parser, (value, line) -> found.add(line + " " + value));
        }
        return found;
    }
}
