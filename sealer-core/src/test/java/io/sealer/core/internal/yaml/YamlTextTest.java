package io.sealer.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.core.internal.clusterfile.YamlTrees;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTextTest {
    private final YamlText yaml = new YamlText();
    private final YamlTrees trees = new YamlTrees();

    @Test
    void stringsThatLookLikeOtherTypesAreQuotedAndTypedValuesAreNot() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("port", 6443L);
        tree.put("portText", "6443");
        tree.put("enabled", true);
        tree.put("yes", "yes");
        tree.put("exp", "1e3");
        tree.put("octal", "0755");
        tree.put("empty", "");
        tree.put("nothing", null);
        tree.put("duration", "2m0s");
        tree.put("cidr", "10.96.0.0/22");
        tree.put("placeholder", "@@token@@");

        String text = yaml.document(tree);

        assertThat(text).contains("port: 6443\n", "portText: \"6443\"\n", "enabled: true\n", "\"yes\": \"yes\"\n",
                "exp: \"1e3\"\n", "octal: \"0755\"\n", "empty: \"\"\n", "nothing: null\n", "duration: 2m0s\n",
                "cidr: 10.96.0.0/22\n");
        assertThat(trees.read("t", text)).containsExactly(tree);
    }

    @Test
    void unquotedScalarsWithoutAJavaValueAreWrittenBackAsTheyWere() {
        String source = "limit: 1e3\nflag: yes\nhex: 0x1F\nquoted: '1e3'\n";

        Object tree = trees.read("t", source).get(0);

        assertThat(tree).isEqualTo(Map.of("limit", new PlainScalar("1e3"), "flag", new PlainScalar("yes"),
                "hex", new PlainScalar("0x1F"), "quoted", "1e3"));
        assertThat(yaml.document(tree)).isEqualTo("limit: 1e3\nflag: yes\nhex: 0x1F\nquoted: \"1e3\"\n");
    }

    @Test
    void octalLookingPlainScalarsAreTheOneTypeChangeTheEmitterForces() {
        Object tree = trees.read("t", "mode: 0755\n").get(0);

        assertThat(tree).isEqualTo(Map.of("mode", new PlainScalar("0755")));
        assertThat(yaml.document(tree)).isEqualTo("mode: '0755'\n");
    }

    @Test
    void multiLineStringsAreLiteralBlocksAndLongLinesAreNotFolded() {
        String longLine = "x".repeat(300) + " " + "y".repeat(300);
        Map<String, Object> tree = Map.of("script", "echo a\necho b\n", "long", longLine);

        String text = yaml.document(new LinkedHashMap<>(tree));

        assertThat(text).contains("script: |\n  echo a\n  echo b\n").contains(longLine);
        assertThat(trees.read("t", text).get(0)).isEqualTo(tree);
    }

    @Test
    void documentsAreJoinedWithSeparatorLines() {
        assertThat(yaml.documents(List.of(Map.of("a", 1L), Map.of("b", 2L)))).isEqualTo("a: 1\n---\nb: 2\n");
    }

    @Test
    void jsonSortsKeysLikeGo() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("username", "root");
        tree.put("passwd", "xxx");
        tree.put("nested", new LinkedHashMap<>(Map.of("z", 1L, "a", List.of(true, new PlainScalar("yes")))));

        assertThat(yaml.json(tree)).isEqualTo("{\"nested\":{\"a\":[true,true],\"z\":1},\"passwd\":\"xxx\","
                + "\"username\":\"root\"}");
    }
}
