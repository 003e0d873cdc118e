package io.sealer.api.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.InvalidReferenceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Table tests for Docker's normalisation rules, with cases taken from {@code github.com/distribution/reference}
 * ({@code normalize_test.go}, {@code reference_test.go}) and the behaviour of {@code ParseNormalizedNamed}.
 */
class ImageReferenceTest {
    private static final String HEX = "dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # input                                  | domain         | path                     | tag      | fullName                                         | familiarName
            nginx                                    | docker.io      | library/nginx            |          | docker.io/library/nginx:latest                   | nginx:latest
            nginx:1.25                               | docker.io      | library/nginx            | 1.25     | docker.io/library/nginx:1.25                     | nginx:1.25
            library/nginx:1                          | docker.io      | library/nginx            | 1        | docker.io/library/nginx:1                        | nginx:1
            docker.io/nginx                          | docker.io      | library/nginx            |          | docker.io/library/nginx:latest                   | nginx:latest
            docker.io/library/nginx:alpine           | docker.io      | library/nginx            | alpine   | docker.io/library/nginx:alpine                   | nginx:alpine
            index.docker.io/nginx                    | docker.io      | library/nginx            |          | docker.io/library/nginx:latest                   | nginx:latest
            index.docker.io/library/debian:12        | docker.io      | library/debian           | 12       | docker.io/library/debian:12                      | debian:12
            index.docker.io/fooo/bar                 | docker.io      | fooo/bar                 |          | docker.io/fooo/bar:latest                        | fooo/bar:latest
            user/app:v1                              | docker.io      | user/app                 | v1       | docker.io/user/app:v1                            | user/app:v1
            library/foo/bar                          | docker.io      | library/foo/bar          |          | docker.io/library/foo/bar:latest                 | library/foo/bar:latest
            store/foo/bar                            | docker.io      | store/foo/bar            |          | docker.io/store/foo/bar:latest                   | store/foo/bar:latest
            other/library                            | docker.io      | other/library            |          | docker.io/other/library:latest                   | other/library:latest
            test_com/foo                             | docker.io      | test_com/foo             |          | docker.io/test_com/foo:latest                    | test_com/foo:latest
            ubuntu-12.04-base                        | docker.io      | library/ubuntu-12.04-base|          | docker.io/library/ubuntu-12.04-base:latest       | ubuntu-12.04-base:latest
            docker---rules/docker                    | docker.io      | docker---rules/docker    |          | docker.io/docker---rules/docker:latest           | docker---rules/docker:latest
            dock__er/docker                          | docker.io      | dock__er/docker          |          | docker.io/dock__er/docker:latest                 | dock__er/docker:latest
            jess/t                                   | docker.io      | jess/t                   |          | docker.io/jess/t:latest                          | jess/t:latest
            localhost                                | docker.io      | library/localhost        |          | docker.io/library/localhost:latest               | localhost:latest
            localhost:5000                           | docker.io      | library/localhost        | 5000     | docker.io/library/localhost:5000                 | localhost:5000
            localhost/app                            | localhost      | app                      |          | localhost/app:latest                             | localhost/app:latest
            localhost:5000/a                         | localhost:5000 | a                        |          | localhost:5000/a:latest                          | localhost:5000/a:latest
            host:5000/a/b:tag                        | host:5000      | a/b                      | tag      | host:5000/a/b:tag                                | host:5000/a/b:tag
            test-com:8080/foo                        | test-com:8080  | foo                      |          | test-com:8080/foo:latest                         | test-com:8080/foo:latest
            127.0.0.1:5000/library/debian            | 127.0.0.1:5000 | library/debian           |          | 127.0.0.1:5000/library/debian:latest             | 127.0.0.1:5000/library/debian:latest
            192.168.0.1:8/debian                     | 192.168.0.1:8  | debian                   |          | 192.168.0.1:8/debian:latest                      | 192.168.0.1:8/debian:latest
            192.168.0.1                              | docker.io      | library/192.168.0.1      |          | docker.io/library/192.168.0.1:latest             | 192.168.0.1:latest
            [fc00::1]:5000/docker/docker             | [fc00::1]:5000 | docker/docker            |          | [fc00::1]:5000/docker/docker:latest              | [fc00::1]:5000/docker/docker:latest
            quay.io/coreos/etcd:v3.5.0               | quay.io        | coreos/etcd              | v3.5.0   | quay.io/coreos/etcd:v3.5.0                       | quay.io/coreos/etcd:v3.5.0
            xn--n3h.com:18080/foo                    | xn--n3h.com:18080 | foo                   |          | xn--n3h.com:18080/foo:latest                     | xn--n3h.com:18080/foo:latest
            example.com/privatebase                  | example.com    | privatebase              |          | example.com/privatebase:latest                   | example.com/privatebase:latest
            Foo/bar                                  | Foo            | bar                      |          | Foo/bar:latest                                   | Foo/bar:latest
            DOCKER/docker                            | DOCKER         | docker                   |          | DOCKER/docker:latest                             | DOCKER/docker:latest
            registry.k8s.io/pause:3.9                | registry.k8s.io| pause                    | 3.9      | registry.k8s.io/pause:3.9                        | registry.k8s.io/pause:3.9
            nginx:V1_x-rc.1                          | docker.io      | library/nginx            | V1_x-rc.1| docker.io/library/nginx:V1_x-rc.1                | nginx:V1_x-rc.1
            thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev | docker.io | library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev | | docker.io/library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev:latest | thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev:latest
            """)
    void normalisesLikeDocker(String input, String domain, String path, String tag, String fullName,
            String familiarName) {
        ImageReference ref = ImageReference.parse(input);

        assertThat(ref.domain()).isEqualTo(domain);
        assertThat(ref.path()).isEqualTo(path);
        assertThat(ref.tag()).isEqualTo(tag);
        assertThat(ref.digest()).isNull();
        assertThat(ref.fullName()).isEqualTo(fullName);
        assertThat(ref.familiarName()).isEqualTo(familiarName);
        assertThat(ref.toString()).isEqualTo(fullName);
        assertThat(ImageReference.parse(fullName).fullName()).as("full name re-parses to itself").isEqualTo(fullName);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # input (DIGEST stands for sha256:<64 hex>) | tag    | fullName                                        | familiarName
            nginx@DIGEST                               |        | docker.io/library/nginx@DIGEST                  | nginx@DIGEST
            busybox:latest@DIGEST                      | latest | docker.io/library/busybox:latest@DIGEST         | busybox:latest@DIGEST
            registry.k8s.io/pause:3.9@DIGEST           | 3.9    | registry.k8s.io/pause:3.9@DIGEST                | registry.k8s.io/pause:3.9@DIGEST
            dmcgowan/myapp@DIGEST                      |        | docker.io/dmcgowan/myapp@DIGEST                 | dmcgowan/myapp@DIGEST
            localhost:5000/a/b:v1@DIGEST               | v1     | localhost:5000/a/b:v1@DIGEST                    | localhost:5000/a/b:v1@DIGEST
            DIGESTHEX:v1                               | v1     | docker.io/library/DIGESTHEX:v1                  | DIGESTHEX:v1
            docker.io/DIGESTHEX                        |        | docker.io/library/DIGESTHEX:latest              | DIGESTHEX:latest
            """)
    void keepsTagAndDigestTogether(String input, String tag, String fullName, String familiarName) {
        ImageReference ref = ImageReference.parse(expand(input));

        assertThat(ref.tag()).isEqualTo(tag);
        assertThat(ref.fullName()).isEqualTo(expand(fullName));
        assertThat(ref.familiarName()).isEqualTo(expand(familiarName));
        if (input.contains("@")) {
            assertThat(ref.digest()).isEqualTo("sha256:" + HEX);
            assertThat(ref.optionalDigest()).contains("sha256:" + HEX);
            assertThat(ref.effectiveTag()).isEqualTo(tag);
        }
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # input                                   | expected words in the message
            ""                                        | empty
            ":tag"                                    | empty
            " nginx"                                  | white space
            "nginx "                                  | white space
            "a b"                                     | invalid repository path
            "a@sha256:short"                          | invalid digest
            "a@"                                      | invalid digest
            "a@@sha256:DIGESTHEX"                     | invalid digest
            "nginx@md5:0123456789abcdef0123456789abcdef" | unsupported digest algorithm
            "nginx@sha256:DBCC1C35AC38DF41FD2F5E4130B32FFDB93EBAE8B3DBE638C23575912276FC9C" | lower-case hex
            "nginx@sha512:DIGESTHEX"                  | 128 lower-case hex
            "-a"                                      | invalid repository path
            "-docker/docker"                          | invalid repository path
            "docker-/docker"                          | invalid repository path
            "-docker.io/docker/docker"                | invalid registry domain
            "a//b"                                    | invalid repository path
            "docker///docker"                         | invalid repository path
            "a:b:c"                                   | invalid repository path
            "a/b:c/d"                                 | invalid repository path
            "docker/"                                 | invalid repository path
            "localhost/"                              | invalid repository path
            "____/____"                               | invalid repository path
            "_docker/_docker"                         | invalid repository path
            "dock..er/docker"                         | invalid registry domain
            "dock_.er/docker"                         | invalid registry domain
            "dock-.er/docker"                         | invalid registry domain
            "DIGESTHEX"                               | image id
            "Nginx"                                   | lowercase
            "nginx/Nginx:1"                           | lowercase
            "docker/Docker"                           | lowercase
            "docker.io/docker/Docker"                 | lowercase
            "https://github.com/docker/docker"        | invalid registry domain
            "localhost:abc/foo"                       | invalid registry domain
            "[fc00::1]"                               | invalid tag
            "[fc00::1]:5000"                          | invalid repository path
            "fc00::1:5000/debian"                     | invalid registry domain
            "[fe80::1%eth0]:5000/debian"              | invalid registry domain
            "nginx:-foo"                              | invalid tag
            "nginx:.x"                                | invalid tag
            "nginx:1.0,"                              | invalid tag
            "nginx#pinned"                            | invalid repository path
            "{{ .Values.image }}"                     | invalid
            "{{.Values.image.repository}}:{{.Values.image.tag}}" | invalid
            ">-"                                      | invalid repository path
            """)
    void rejectsMalformedReferences(String input, String expectedMessage) {
        String reference = input == null ? "" : expand(input);

        assertThatThrownBy(() -> ImageReference.parse(reference))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining(expectedMessage)
                .satisfies(e -> assertThat(((InvalidReferenceException) e).reference()).isEqualTo(reference));
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> ImageReference.parse(null)).isInstanceOf(InvalidReferenceException.class);
    }

    @ParameterizedTest(name = "path of {0} characters on {1}")
    @CsvSource({"247, docker.io, true", "248, docker.io, false", "255, example.com, true", "256, example.com, false"})
    void limitsTheRepositoryPathTo255Characters(int length, String domain, boolean valid) {
        String name = "a".repeat(length);
        String reference = domain.equals("docker.io") ? name : domain + "/" + name;

        if (valid) {
            assertThat(ImageReference.parse(reference).path()).hasSizeLessThanOrEqualTo(255);
        } else {
            assertThatThrownBy(() -> ImageReference.parse(reference))
                    .isInstanceOf(InvalidReferenceException.class)
                    .hasMessageContaining("longer than 255");
        }
    }

    @ParameterizedTest(name = "tag of {0} characters")
    @CsvSource({"128, true", "129, false"})
    void limitsTagsTo128Characters(int length, boolean valid) {
        String reference = "nginx:" + "t".repeat(length);

        if (valid) {
            assertThat(ImageReference.parse(reference).tag()).hasSize(length);
        } else {
            assertThatThrownBy(() -> ImageReference.parse(reference)).hasMessageContaining("invalid tag");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256:" + HEX, "sha384:" + HEX + "0123456789abcdef0123456789abcdef",
            "sha512:" + HEX + HEX})
    void acceptsRegisteredDigestAlgorithms(String digest) {
        assertThat(ImageReference.parse("nginx@" + digest).digest()).isEqualTo(digest);
    }

    @Test
    void withTagAndWithDigestDeriveNewReferences() {
        ImageReference ref = ImageReference.parse("quay.io/a/b:1@sha256:" + HEX);

        assertThat(ref.withTag("2").fullName()).isEqualTo("quay.io/a/b:2");
        assertThat(ref.withTag("2").withDigest("sha256:" + HEX).fullName()).isEqualTo("quay.io/a/b:2@sha256:" + HEX);
        assertThat(ref.repository()).isEqualTo("quay.io/a/b");
        assertThat(ref.optionalTag()).contains("1");
        assertThat(ImageReference.parse("nginx").optionalTag()).isEmpty();
        assertThat(ImageReference.parse("nginx").effectiveTag()).isEqualTo("latest");
    }

    @Test
    void equalNamesParseToEqualReferences() {
        assertThat(ImageReference.parse("index.docker.io/library/nginx:1"))
                .isEqualTo(ImageReference.parse("nginx:1"))
                .isEqualTo(ImageReference.parse("docker.io/nginx:1"));
    }

    private static String expand(String text) {
        return text.replace("DIGESTHEX", HEX).replace("DIGEST", "sha256:" + HEX);
    }
}
