package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sealer inspect}: {@code -o yaml} and {@code -o json} print the same tree, named in camelCase. */
class InspectCommandTest {
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][A-Za-z0-9]*");
    /** Objects whose keys are the user's (labels, env, args), not field names. */
    private static final Set<String> USER_KEYS = Set.of("labels", "env", "args");

    @TempDir
    Path dir;

    private Cli.Result run(String... args) {
        return Cli.in(dir).env(Map.of("SEALER_ROOT", dir.resolve("store").toString())).run(args);
    }

    @Test
    void yamlAndJsonHoldTheSameFieldsInCamelCase() throws Exception {
        Path ctx = Files.createDirectories(dir.resolve("app"));
        Files.writeString(ctx.resolve("Kubefile"), """
                FROM scratch
                ARG Version=v1
                LABEL app.kubernetes.io/name=demo
                ENV registry_domain=sea.hub registryPassword=passw0rd
                ADD etc etc
                APP web local://web.yaml
                APPENV web MODE=prod
                LAUNCH ["web"]
                """);
        Files.createDirectories(ctx.resolve("etc"));
        Files.writeString(ctx.resolve("etc/a.conf"), "a=1\n");
        Files.writeString(ctx.resolve("web.yaml"), "kind: ConfigMap\nmetadata: {name: web}\n");
        assertThat(run("build", "-t", "app:1", "app").code()).isZero();

        Cli.Result yaml = run("inspect", "app:1");
        Cli.Result json = run("inspect", "-o", "json", "app:1");
        assertThat(yaml.code()).as(yaml.err()).isZero();
        assertThat(json.code()).as(json.err()).isZero();

        JsonNode fromYaml = new ObjectMapper(new YAMLFactory()).readTree(yaml.out());
        JsonNode fromJson = new ObjectMapper().readTree(json.out());
        assertThat(fromJson).isEqualTo(fromYaml);
        assertThat(fromJson.isArray()).isTrue();
        JsonNode spec = fromJson.get(0).get("spec");
        assertThat(spec.has("imageConfig")).isTrue();
        assertThat(json.out()).doesNotContain("image_config").doesNotContain("passw0rd");
        assertThat(spec.at("/imageConfig/args/Version").asText()).isEqualTo("v1");
        assertThat(spec.at("/imageConfig/labels/app.kubernetes.io~1name").asText()).isEqualTo("demo");
        assertThat(spec.at("/imageConfig/env/registry_domain").asText()).isEqualTo("sea.hub");
        assertThat(spec.at("/imageConfig/env/registryPassword").asText()).isEqualTo("***");
        assertThat(spec.at("/imageConfig/applications/0/name").asText()).isEqualTo("web");
        assertThat(spec.at("/imageConfig/applications/0/env/MODE").asText()).isEqualTo("prod");
        assertThat(spec.at("/imageConfig/launchApps/0").asText()).isEqualTo("web");
        assertThat(spec.at("/layers/0/type").asText()).isEqualTo("COPY");
        assertThat(spec.at("/platform/architecture").asText()).isNotEmpty();

        String other = spec.at("/platform/architecture").asText().equals("s390x") ? "linux/ppc64le" : "linux/s390x";
        Cli.Result missing = run("inspect", "--platform", other, "app:1");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("has no " + other + " image of it; it has linux/");

        List<String> names = new ArrayList<>();
        fieldNames(fromJson, "", names);
        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(name).matches(CAMEL_CASE));
    }

    private static void fieldNames(JsonNode node, String name, List<String> names) {
        if (node.isObject() && !USER_KEYS.contains(name)) {
            node.fields().forEachRemaining(field -> {
                names.add(field.getKey());
                fieldNames(field.getValue(), field.getKey(), names);
            });
        } else if (node.isContainerNode()) {
            node.forEach(child -> fieldNames(child, "", names));
        }
    }
}
