package io.sealer.core.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** sealer's line rule, ported from spec 3.3 (main-era column) and {@code build/layerutils/utils_test.go}. */
class LineImageDecoderTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', emptyValue = "", textBlock = """
            `image: nginx:1.0`                                                                        | nginx:1.0
            `        image: registry.cn-shanghai.aliyuncs.com/cnip/cn-app-integration:v1.0.0`        | registry.cn-shanghai.aliyuncs.com/cnip/cn-app-integration:v1.0.0
            `    image: registry.cn-shanghai.aliyuncs.com/sealerio/foo:v1.0.0`                        | registry.cn-shanghai.aliyuncs.com/sealerio/foo:v1.0.0
            `  - image: "nginx:1.0"`                                                                  | nginx:1.0
            `vmagent-image: "ack-agility-registry.cn-shanghai.cr.aliyuncs.com/sealerio/foo:v1.70.0"` | ack-agility-registry.cn-shanghai.cr.aliyuncs.com/sealerio/foo:v1.70.0
            `- image: "ack-agility-registry.cn-shanghai.cr.aliyuncs.com/sealerio/foo:v1.70.0"`       | ack-agility-registry.cn-shanghai.cr.aliyuncs.com/sealerio/foo:v1.70.0
            `imagePullPolicy: Always`                                                                 | ``
            `baseImage: foo:1`                                                                        | ``
            `IMAGE: upper:1`                                                                          | ``
            `repository: nginx`                                                                       | ``
            `image:`                                                                                  | ``
            `\t\t  # image: cn-app-integration:v1.0.0`                                                | ``
            `image: 'nginx:1.0'`                                                                      | 'nginx:1.0'
            `image: nginx # pinned`                                                                   | nginx#pinned
            `image: nginx@sha256:0123abcd`                                                            | nginx@sha256:0123abcd
            `image: {{ .Values.image.repository }}:{{ .Values.image.tag }}`                           | {{.Values.image.repository}}:{{.Values.image.tag}}
            `image:nginx`                                                                             | nginx
            `image: >-`                                                                               | >-
            `{"image": "busybox:1.28", "name": "x"}`                                                  | busybox:1.28name:x}
            `containers: [{name: a, image: nginx}]`                                                   | ``
            `image: nginx:1.0,`                                                                       | nginx:1.0
            `no colon here`                                                                           | ``
            """)
    void decodesLinesLikeSealerMain(String line, String expected) {
        assertThat(LineImageDecoder.decodeLine(line.replace("\\t", "\t"))).isEqualTo(expected);
    }

    @Test
    void decodeImagesKeepsDuplicatesAndSkipsComments() {
        String body = """
                          image: cn-app-integration:v1.0.0
                          image: registry.cn-shanghai.aliyuncs.com/cnip/cn-app-integration:v1.0.0
                          imagePullPolicy: Always
                          image: cn-app-integration:v1.0.0
                		  # image: cn-app-integration:v1.0.0
                          name: cn-app-demo
                """;

        assertThat(LineImageDecoder.decodeImages(body)).containsExactly("cn-app-integration:v1.0.0",
                "registry.cn-shanghai.aliyuncs.com/cnip/cn-app-integration:v1.0.0", "cn-app-integration:v1.0.0");
    }

    @Test
    void formatTrimsQuotesAndDropsBlanksAndComments() {
        List<String> formatted = List.of("nginx:1", "'nginx:1'", " \"busybox\" ", "#comment", "", "'a\"").stream()
                .map(LineImageDecoder::format).toList();

        assertThat(formatted).containsExactly("nginx:1", "nginx:1", "busybox", "", "", "a");
    }
}
