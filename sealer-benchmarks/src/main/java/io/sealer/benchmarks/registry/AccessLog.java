package io.sealer.benchmarks.registry;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the registry's access log says one variant asked for: requests by kind and the bytes of blob bodies sent. The
 * lines are the combined log format {@code docker-registry} writes:
 * {@code 127.0.0.1 - - [date] "GET /v2/bench/img-00/blobs/sha256:... HTTP/1.1" 200 50331648 "" "agent"}.
 *
 * @param blobGets GET of a blob (answered 200)
 * @param blobHeads HEAD of a blob
 * @param manifestGets GET of a manifest
 * @param manifestHeads HEAD of a manifest
 * @param other anything else ({@code GET /v2/} probes, token requests, errors)
 * @param blobBytes the body bytes of the blob GETs answered 200
 */
record AccessLog(int blobGets, int blobHeads, int manifestGets, int manifestHeads, int other, long blobBytes) {
    private static final Pattern LINE = Pattern.compile("\"([A-Z]+) (\\S+) HTTP/[0-9.]+\" (\\d{3}) (\\d+|-)");

    static AccessLog parse(String text) {
        int blobGets = 0;
        int blobHeads = 0;
        int manifestGets = 0;
        int manifestHeads = 0;
        int other = 0;
        long blobBytes = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("time=")) {
                continue; // the registry's own (error) log lines; the access line of the request follows
            }
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String method = m.group(1);
            String path = m.group(2);
            int status = Integer.parseInt(m.group(3));
            long bytes = m.group(4).equals("-") ? 0 : Long.parseLong(m.group(4));
            if (path.contains("/blobs/sha256:") && status < 300) {
                if (method.equals("GET")) {
                    blobGets++;
                    blobBytes += bytes;
                } else if (method.equals("HEAD")) {
                    blobHeads++;
                } else {
                    other++;
                }
            } else if (path.contains("/manifests/") && status < 300) {
                if (method.equals("GET")) {
                    manifestGets++;
                } else if (method.equals("HEAD")) {
                    manifestHeads++;
                } else {
                    other++;
                }
            } else {
                other++;
            }
        }
        return new AccessLog(blobGets, blobHeads, manifestGets, manifestHeads, other, blobBytes);
    }

    int requests() {
        return blobGets + blobHeads + manifestGets + manifestHeads + other;
    }

    /** {@code 39 blob GET, 0 blob HEAD, 12 manifest GET, 0 manifest HEAD, 1 other}. */
    String describe() {
        return String.format(Locale.ROOT, "%d blob GET, %d blob HEAD, %d manifest GET, %d manifest HEAD, %d other",
                blobGets, blobHeads, manifestGets, manifestHeads, other);
    }
}
