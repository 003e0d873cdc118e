package io.sealer.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
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
            "spec:\n  image:\n    repository: nginx\n    tag: \"1\"\n",
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
    })
    void unusualYamlGivesUpAndJacksonDecides(String document) {
        assertThat(SimpleYamlScanner.scan(document, (value, line) -> { })).isFalse();
    }

    private static List<String> jackson(String document) throws IOException {
        List<String> found = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(document)) {
            ImageValueWalker.walk(parser, (value, line) -> found.add(line + " " + value));
        }
        return found;
    }
}
