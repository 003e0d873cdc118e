package io.sealer.core.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientOnlyTemplatesTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
            "{{ lookup \"v1\" \"Secret\" \"ns\" \"x\" }} => {{ pick (dict) \"v1\" \"Secret\" \"ns\" \"x\" }}",
            "{{- $s := (lookup \"v1\" \"Secret\" (include \"ns\" .) .name).data -}}"
                    + " => {{- $s := (pick (dict) \"v1\" \"Secret\" (include \"ns\" .) .name).data -}}",
            "{{ if not (lookup \"v1\" \"Pod\" \"\" \"\") }}x{{ end }} => {{ if not (pick (dict) \"v1\" \"Pod\" \"\" \"\") }}x{{ end }}",
            "{{ \"x\" | lookup \"v1\" \"Secret\" \"ns\" }} => {{ \"x\" | pick (dict) \"v1\" \"Secret\" \"ns\" }}",
            "a lookup {{ lookup \"v1\" \"S\" \"n\" \"x\" }} lookup => a lookup {{ pick (dict) \"v1\" \"S\" \"n\" \"x\" }} lookup",
    })
    void rewritesCallsOfLookupInsideActions(String template, String expected) {
        assertThat(ClientOnlyTemplates.rewrite(template)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "lookup: plain text, not an action\n",
            "{{ include \"common.secrets.lookup\" (dict \"secret\" \"s\") }}",
            "{{ .Values.lookup }} {{ $.lookup }} {{ $lookup := 1 }}{{ $lookup }}",
            "{{ `lookup \"v1\"` }} {{ 'l' }} {{ \"say \\\"lookup\\\"\" }}",
            "{{/* lookup \"v1\" \"Secret\" \"ns\" \"x\" */}}",
            "{{- /* lookup */ -}}",
            "{{ lookups }} {{ mylookup }} {{ lookup_x }}",
            "{{ define \"lookup\" }}{{ end }}",
            "no action at all",
    })
    void leavesEverythingElseAlone(String template) {
        assertThat(ClientOnlyTemplates.rewrite(template)).isEqualTo(template);
    }
}
