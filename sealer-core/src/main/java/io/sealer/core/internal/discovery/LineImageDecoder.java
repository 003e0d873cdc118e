package io.sealer.core.internal.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * Sealer's line rule ({@code build/layerutils/utils.go decodeLine} and {@code FormatImages}, main era), used for
 * files that are not valid YAML: a line whose key ends in lower-case {@code image} yields the rest of the line with
 * quotes, commas and spaces removed.
 */
final class LineImageDecoder {
    private LineImageDecoder() {
    }

    /** The raw value of {@code line}, or an empty string when the line is not an {@code ...image:} line. */
    static String decodeLine(String line) {
        String l = line.replace("\"", "").replace(",", "").replace(" ", "");
        int colon = l.indexOf(':');
        if (colon < 0) {
            return "";
        }
        String key = l.substring(0, colon);
        if (!key.endsWith("image") || key.contains("#")) {
            return "";
        }
        return l.substring(colon + 1);
    }

    /** Every non-empty {@link #decodeLine} result of {@code body}, in order, duplicates kept. */
    static List<String> decodeImages(String body) {
        List<String> images = new ArrayList<>();
        body.lines().map(LineImageDecoder::decodeLine).filter(s -> !s.isEmpty()).forEach(images::add);
        return images;
    }

    /**
     * Sealer's clean-up of a decoded value: trims white space and surrounding quote characters; returns an empty
     * string for blanks and comments.
     */
    static String format(String value) {
        String v = value.strip();
        int start = 0;
        int end = v.length();
        while (start < end && isQuote(v.charAt(start))) {
            start++;
        }
        while (end > start && isQuote(v.charAt(end - 1))) {
            end--;
        }
        v = v.substring(start, end).strip();
        return v.startsWith("#") ? "" : v;
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"';
    }
}
