package io.sealer.core.internal.clusterfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlDocumentsTest {
    @Test
    void stringsThatLookTypedAreQuotedAndTypedScalarsStayAsWritten() {
        String yaml = """
                a: 000000
                b: "000000"
                c: 1.10
                d: "yes"
                e: true
                f: 0x1F
                g: "0x1F"
                h: ~
                i: "null"
                j: '2001-12-14'
                k: 192.168.0.2
                l: "1_000"
                m: ".inf"
                """;
        List<Object> documents = YamlDocuments.read("t", yaml);
        Map<?, ?> tree = (Map<?, ?>) documents.get(0);
        assertThat(tree.get("a")).isEqualTo(new YamlDocuments.Plain("000000"));
        assertThat(tree.get("b")).isEqualTo("000000");
        assertThat(tree.get("c")).isEqualTo(new YamlDocuments.Plain("1.10"));
        assertThat(tree.get("d")).isEqualTo("yes");
        assertThat(tree.get("h")).isNull();

        String written = YamlDocuments.write(documents);
        assertThat(written).contains("c: 1.10\n", "e: true\n", "f: 0x1F\n", "k: 192.168.0.2\n");
        assertThat(written).doesNotContain("b: 000000", "d: yes", "g: 0x1F", "i: null", "j: 2001", "l: 1_000",
                "m: .inf");
        Map<?, ?> again = (Map<?, ?>) YamlDocuments.read("again", written).get(0);
        // SnakeYAML's emitter quotes numbers with leading zeros: the text stays, as a string
        assertThat(again.get("a")).isEqualTo("000000");
        Map<Object, Object> rest = new LinkedHashMap<>(again);
        rest.put("a", new YamlDocuments.Plain("000000"));
        assertThat(rest).isEqualTo(tree);
    }

    @Test
    void multiLineAndAwkwardStringsSurvive() {
        Map<String, Object> tree = new LinkedHashMap<>();
        List<String> values = List.of("line 1\nline 2\n", "no newline at end\nx", "trailing spaces  \nx\n",
                "  leading", "a: b", "- item", "# not a comment", "'quoted'", "\"double\"", "", "tab\there",
                "@@token@@", "*alias", "&anchor", "!tag", "%directive", "{flow}", "[flow]", "key=value;x #y",
                "unicode ✓ ü", "\n\nleading newlines", "ends with newlines\n\n\n");
        for (int i = 0; i < values.size(); i++) {
            tree.put("k" + i, values.get(i));
        }
        tree.put("on", "key that YAML 1.1 reads as a boolean");
        tree.put("123", "numeric key");
        String written = YamlDocuments.write(List.of(tree, Map.of("second", "document")));

        List<Object> back = YamlDocuments.read("back", written);
        assertThat(back).hasSize(2);
        assertThat(back.get(0)).isEqualTo(tree);
        assertThat(back.get(1)).isEqualTo(Map.of("second", "document"));
    }

    @Test
    void numbersOfJavaAreWrittenSoTheParserReadsTheSameType() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("long", 6443L);
        tree.put("double", 5.0);
        tree.put("fraction", 0.25);
        tree.put("bool", false);
        tree.put("null", null);
        tree.put("list", List.of(1L, "1", true, "true"));
        String written = YamlDocuments.write(List.of(tree));

        assertThat(written).contains("long: 6443\n", "double: 5.0\n", "fraction: 0.25\n", "bool: false\n");
        Map<?, ?> back = (Map<?, ?>) YamlDocuments.read("back", written).get(0);
        assertThat(back.get("long")).isEqualTo(new YamlDocuments.Plain("6443"));
        assertThat(back.get("double")).isEqualTo(new YamlDocuments.Plain("5.0"));
        assertThat(back.get("list")).isEqualTo(List.of(new YamlDocuments.Plain("1"), "1", new YamlDocuments.Plain("true"),
                "true"));
        assertThat(back.containsKey("null")).isTrue();
        assertThat(back.get("null")).isNull();
    }

    @Test
    void emptyDocumentsAreLeftOutAndAliasesResolved() {
        String yaml = """
                ---
                ---
                base: &b {k: v}
                copy: *b
                """;
        List<Object> documents = YamlDocuments.read("t", yaml);
        assertThat(documents).hasSize(1);
        assertThat(((Map<?, ?>) documents.get(0)).get("copy")).isEqualTo(Map.of("k", "v"));
    }
}
